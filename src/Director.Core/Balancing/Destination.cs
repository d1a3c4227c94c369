using System.Net;
using Director.Core.Config.Model;

namespace Director.Core.Balancing;

/// <summary>
/// A real server as the kernel sees it. Port 0 in a fwmark service means "the client's port".
/// Weight 0: no new connections, established ones drain. Thresholds 0: unlimited (IPVS only).
/// </summary>
public sealed record Destination
{
    public IPAddress Address { get; init; } = IPAddress.Any;

    public int Port { get; init; }

    public int Weight { get; init; } = 1;

    public ForwardingMethod Method { get; init; } = ForwardingMethod.Masquerade;

    /// <summary>Encapsulation of a <see cref="ForwardingMethod.Tunnel"/> destination; null: plain IPIP.</summary>
    public TunnelOptions? Tunnel { get; init; }

    public uint UpperThreshold { get; init; }

    public uint LowerThreshold { get; init; }

    public DestinationKey Key => new(Address, Port);

    public override string ToString() => $"{Key} w{Weight} {Method}";
}
