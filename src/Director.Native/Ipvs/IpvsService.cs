namespace Director.Native.Ipvs;

/// <summary>
/// An IPVS virtual service as NEW_SERVICE / SET_SERVICE carry it and GET_SERVICE reports it.
/// <see cref="NetmaskPrefix"/> is the persistence granularity as a prefix length; null means per
/// client address (32 / 128).
/// </summary>
public sealed record IpvsService
{
    public required IpvsServiceKey Key { get; init; }

    /// <summary>Scheduler module name: rr, wrr, lc, wlc, lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh.</summary>
    public string Scheduler { get; init; } = "wlc";

    public IpvsServiceFlags Flags { get; init; }

    /// <summary>Persistence timeout in seconds (meaningful with <see cref="IpvsServiceFlags.Persistent"/>).</summary>
    public uint TimeoutSeconds { get; init; }

    public int? NetmaskPrefix { get; init; }

    /// <summary>Persistence engine (e.g. "sip"), or null for none.</summary>
    public string? PersistenceEngine { get; init; }

    /// <summary>The prefix actually sent: <see cref="NetmaskPrefix"/>, or the host prefix of the family when unset.</summary>
    public int EffectiveNetmaskPrefix => NetmaskPrefix
        ?? (Key.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32);
}
