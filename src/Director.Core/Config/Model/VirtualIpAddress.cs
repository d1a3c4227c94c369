using System.Net;
using Director.Core.Config.Hocon;

namespace Director.Core.Config.Model;

/// <summary>One line of <c>virtual_ipaddress</c>: <c>ADDR[/PREFIX] [brd B] [dev D] [scope S] [label L]</c>.</summary>
public sealed record VirtualIpAddress
{
    public IPAddress Address { get; init; } = IPAddress.None;

    /// <summary>32 for IPv4 and 128 for IPv6 when not given.</summary>
    public int PrefixLength { get; init; } = 32;

    [HoconKey("dev")]
    public string? Device { get; init; }

    [HoconKey("brd")]
    public IPAddress? Broadcast { get; init; }

    public string? Scope { get; init; }

    public string? Label { get; init; }
}
