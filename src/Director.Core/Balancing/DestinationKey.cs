using System.Net;

namespace Director.Core.Balancing;

/// <summary>Identity of a destination inside one virtual service.</summary>
public sealed record DestinationKey(IPAddress Address, int Port)
{
    public override string ToString() =>
        Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
