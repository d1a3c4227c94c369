using Director.Host.CommandLine;

namespace Director.Host.Daemon;

/// <summary>What `director run` was asked to do, from keepalived's options.</summary>
public sealed record DaemonSettings(bool RunVrrp, bool RunChecks, bool DontReleaseVrrp, string? PidFile, bool Detailed)
{
    public static DaemonSettings From(CliOptions options) => new(
        RunVrrp: !options.CheckOnly,
        RunChecks: !options.VrrpOnly,
        DontReleaseVrrp: options.DontReleaseVrrp,
        PidFile: options.PidFile ?? options.VrrpPidFile,
        Detailed: options.LogDetail);
}
