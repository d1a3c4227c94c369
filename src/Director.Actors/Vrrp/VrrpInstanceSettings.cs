using System.Net;
using Director.Actors.Native;
using Director.Actors.Scripts;
using Director.Core.Scripts;
using Director.Core.Vrrp;
using Director.Core.Vrrp.Sync;

namespace Director.Actors.Vrrp;

/// <summary>Everything one instance actor needs, resolved from the configuration and the host's interfaces.</summary>
public sealed record VrrpInstanceSettings(
    string Name,
    string Interface,
    VrrpInstanceConfig Machine,
    VrrpReceiveSettings Receive,
    IPAddress SourceAddress,
    IReadOnlyList<IPAddress> Destinations,
    IReadOnlyList<VipAddressSpec> Vips,
    IReadOnlyList<RouteSpec> Routes,
    IReadOnlyList<TrackedItem> Tracking,
    bool ApplyTrackingWeights,
    string? SyncGroup,
    NotifyCommands Notify,
    bool ReleaseOnStop = true,
    VmacSpec? Vmac = null)
{
    public string ActorName => $"vrrp-{Name}";

    /// <summary>Where adverts are sent and received: the VMAC interface with use_vmac, else the instance's interface.</summary>
    public string SocketInterface => Vmac?.Name ?? Interface;
}

/// <summary>The notify scripts of an instance, run as keepalived runs them.</summary>
public sealed record NotifyCommands(
    ScriptCommandLine? Master = null,
    ScriptCommandLine? Backup = null,
    ScriptCommandLine? Fault = null,
    ScriptCommandLine? Stop = null,
    ScriptCommandLine? Generic = null,
    ScriptUser? RunAs = null)
{
    public static readonly NotifyCommands None = new();

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>keepalived: the state's own script, then <c>notify</c> with INSTANCE name STATE priority.</summary>
    public IEnumerable<ScriptInvocation> For(string instance, VrrpState state, byte priority)
    {
        var specific = state switch
        {
            VrrpState.Master => Master,
            VrrpState.Backup => Backup,
            VrrpState.Fault => Fault,
            VrrpState.Stop => Stop,
            _ => null,
        };
        if (specific is not null)
            yield return new ScriptInvocation(specific, Timeout, RunAs);
        if (Generic is not null && state != VrrpState.Init)
        {
            var arguments = new[] { "INSTANCE", instance, state.ToString().ToUpperInvariant(), priority.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            yield return new ScriptInvocation(Generic with { Arguments = [.. Generic.Arguments, .. arguments] }, Timeout, RunAs);
        }
    }
}
