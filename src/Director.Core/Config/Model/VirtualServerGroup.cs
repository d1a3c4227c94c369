using System.Net;

namespace Director.Core.Config.Model;

/// <summary>A <c>virtual_server_group NAME</c>: addresses a <c>virtual_server group NAME</c> listens on.</summary>
public sealed record VirtualServerGroup
{
    public string Name { get; init; } = "";

    public EquatableList<VirtualServerGroupMember> Members { get; init; } = EquatableList<VirtualServerGroupMember>.Empty;
}

/// <summary>
/// <c>IP PORT</c>, <c>IP-LAST PORT</c> (a range of the last octet or group) or <c>fwmark N</c>.
/// </summary>
public sealed record VirtualServerGroupMember
{
    public IPAddress? Ip { get; init; }

    /// <summary>Last value of the address's final octet (IPv4) or group (IPv6) for a range.</summary>
    public int? RangeEnd { get; init; }

    public int Port { get; init; }

    public long? Fwmark { get; init; }

    /// <summary><c>fwmark N inet|inet6</c>; null: the virtual server's family.</summary>
    public InetFamily? FwmarkFamily { get; init; }
}
