using System.Net;
using System.Net.Sockets;
using Director.Native.Netlink;

namespace Director.Actors.Vrrp;

/// <summary><see cref="IInterfaceDirectory"/> read from rtnetlink once, at start.</summary>
public sealed class NetlinkInterfaceDirectory : IInterfaceDirectory
{
    private readonly IReadOnlyDictionary<string, LinkInfo> _links;
    private readonly IReadOnlyList<InterfaceAddress> _addresses;

    public NetlinkInterfaceDirectory(string? netns = null)
    {
        using var rtnl = RtnetlinkClient.Open(netns);
        _links = rtnl.ListLinks().ToDictionary(l => l.Name, StringComparer.Ordinal);
        _addresses = rtnl.ListAddresses();
    }

    public bool Exists(string interfaceName) => _links.ContainsKey(interfaceName);

    public IPAddress? PrimaryAddress(string interfaceName, AddressFamily family)
    {
        if (!_links.TryGetValue(interfaceName, out var link))
            return null;
        var candidates = _addresses.Where(a => a.InterfaceIndex == link.Index && a.Address.AddressFamily == family
            && (a.Flags & AddressFlags.Secondary) == 0);
        // keepalived sends IPv6 adverts from the link-local address.
        return family == AddressFamily.InterNetworkV6
            ? candidates.FirstOrDefault(a => a.Address.IsIPv6LinkLocal)?.Address
            : candidates.FirstOrDefault()?.Address;
    }
}
