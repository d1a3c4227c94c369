using Director.Host.CommandLine;

namespace Director.Host.Daemon;

/// <summary>What `director run` was asked to do, from keepalived's options.</summary>
public sealed record DaemonSettings(bool RunVrrp, bool RunChecks, bool DontReleaseVrrp, string? PidFile, bool Detailed)
{
    /// <summary>-I: leave the virtual servers in the kernel at exit.</summary>
    public bool DontReleaseIpvs { get; init; }

    /// <summary>--lb-backend (auto, nftables, ipvs); null: HOCON director.lb.backend.</summary>
    public string? LbBackend { get; init; }

    public static DaemonSettings From(CliOptions options) => new(
        RunVrrp: !options.CheckOnly,
        RunChecks: !options.VrrpOnly,
        DontReleaseVrrp: options.DontReleaseVrrp,
        PidFile: options.PidFile ?? options.VrrpPidFile,
        Detailed: options.LogDetail)
    {
        DontReleaseIpvs = options.DontReleaseIpvs,
        LbBackend = options.LbBackend,
    };
}
