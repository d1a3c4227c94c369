using System.Net;
using System.Text.Json;
using Director.Native.Netlink;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

[Collection(NetnsCollection.Name)]
public sealed class RtnetlinkAddressTests
{
    private static JsonElement? AddrInfo(LabNamespace ns, string local) =>
        ns.IpJson("addr", "show", "dev", TwoHosts.Interface)[0].GetProperty("addr_info").EnumerateArray()
            .Cast<JsonElement?>()
            .FirstOrDefault(a => a!.Value.GetProperty("local").GetString() == local);

    [Fact]
    public void Links_are_listed_with_index_name_flags_mac_mtu_and_kind()
    {
        using var hosts = TwoHosts.Create();
        using var rtnl = RtnetlinkClient.Open(hosts.A.Name);

        var eth0 = rtnl.GetLink(TwoHosts.Interface);

        var json = hosts.A.IpJson("-d", "link", "show", "dev", TwoHosts.Interface)[0];
        Assert.Equal(json.GetProperty("ifindex").GetInt32(), eth0.Index);
        Assert.Equal(json.GetProperty("address").GetString(), string.Join(':', eth0.Mac!.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(json.GetProperty("mtu").GetUInt32(), eth0.Mtu);
        Assert.Equal("veth", eth0.Kind);
        Assert.True(eth0.IsUp);
        Assert.True(eth0.IsLowerUp);
        Assert.Contains(rtnl.ListLinks(), l => l.Name == "lo");
        Assert.Null(rtnl.FindLink("nosuchlink"));
    }

    [Fact]
    public void Ipv4_address_with_label_broadcast_and_scope_is_added_listed_and_deleted()
    {
        using var hosts = TwoHosts.Create();
        using var rtnl = RtnetlinkClient.Open(hosts.A.Name);
        var eth0 = rtnl.GetLink(TwoHosts.Interface);
        var vip = new InterfaceAddress(eth0.Index, IPAddress.Parse("198.51.100.10"), 24)
        {
            Label = "eth0:vip",
            Broadcast = IPAddress.Parse("198.51.100.255"),
            Scope = AddressScope.Link,
        };

        rtnl.AddAddress(vip);

        var listed = Assert.Single(rtnl.ListAddresses(eth0.Index), a => a.Address.Equals(vip.Address));
        Assert.Equal((byte)24, listed.PrefixLength);
        Assert.Equal("eth0:vip", listed.Label);
        Assert.Equal(vip.Broadcast, listed.Broadcast);
        Assert.Equal(AddressScope.Link, listed.Scope);
        var json = AddrInfo(hosts.A, "198.51.100.10");
        Assert.NotNull(json);
        Assert.Equal("eth0:vip", json.Value.GetProperty("label").GetString());
        Assert.Equal("198.51.100.255", json.Value.GetProperty("broadcast").GetString());
        Assert.Equal("link", json.Value.GetProperty("scope").GetString());
        Assert.Equal(24, json.Value.GetProperty("prefixlen").GetInt32());

        var again = Assert.Throws<KernelCallException>(() => rtnl.AddAddress(vip));
        Assert.Equal(17, again.Errno); // EEXIST
        rtnl.AddAddress(vip, replace: true);

        rtnl.DeleteAddress(vip);

        Assert.DoesNotContain(rtnl.ListAddresses(eth0.Index), a => a.Address.Equals(vip.Address));
        Assert.Null(AddrInfo(hosts.A, "198.51.100.10"));
        var absent = Assert.Throws<KernelCallException>(() => rtnl.DeleteAddress(vip));
        Assert.Equal(99, absent.Errno); // EADDRNOTAVAIL
    }

    [Fact]
    public void Ipv6_vip_with_nodad_is_usable_at_once_and_noprefixroute_is_honoured()
    {
        using var hosts = TwoHosts.Create(disableDad: false);
        using var rtnl = RtnetlinkClient.Open(hosts.A.Name);
        var eth0 = rtnl.GetLink(TwoHosts.Interface);
        var vip = new InterfaceAddress(eth0.Index, IPAddress.Parse("2001:db8:5::10"), 64) { Flags = AddressFlags.NoDad | AddressFlags.NoPrefixRoute };

        rtnl.AddAddress(vip);

        var listed = Assert.Single(rtnl.ListAddresses(eth0.Index, RtnlMessages.AF_INET6), a => a.Address.Equals(vip.Address));
        Assert.True(listed.Flags.HasFlag(AddressFlags.NoDad));
        Assert.True(listed.Flags.HasFlag(AddressFlags.NoPrefixRoute));
        Assert.False(listed.Flags.HasFlag(AddressFlags.Tentative));
        var json = AddrInfo(hosts.A, "2001:db8:5::10");
        Assert.NotNull(json);
        Assert.True(json.Value.GetProperty("nodad").GetBoolean());
        Assert.True(json.Value.GetProperty("noprefixroute").GetBoolean());
        Assert.False(json.Value.TryGetProperty("tentative", out _));
        Assert.Empty(hosts.A.IpJson("-6", "route", "show", "2001:db8:5::/64").EnumerateArray());

        rtnl.DeleteAddress(vip);
        Assert.Null(AddrInfo(hosts.A, "2001:db8:5::10"));
    }

    [Fact]
    public void Address_on_a_missing_interface_fails_with_ENODEV()
    {
        using var hosts = TwoHosts.Create();
        using var rtnl = RtnetlinkClient.Open(hosts.A.Name);

        var failure = Assert.Throws<KernelCallException>(() => rtnl.AddAddress(new InterfaceAddress(4242, IPAddress.Parse("198.51.100.1"), 32)));

        Assert.Equal(KnownErrno.ENODEV, failure.Errno);
        Assert.Contains("198.51.100.1/32", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_isolation_the_address_is_not_seen_in_the_other_namespace()
    {
        using var hosts = TwoHosts.Create();
        using var inA = RtnetlinkClient.Open(hosts.A.Name);
        using var inB = RtnetlinkClient.Open(hosts.B.Name);
        var eth0 = inA.GetLink(TwoHosts.Interface);

        inA.AddAddress(new InterfaceAddress(eth0.Index, IPAddress.Parse("198.51.100.20"), 32));

        Assert.Contains(inA.ListAddresses(), a => a.Address.Equals(IPAddress.Parse("198.51.100.20")));
        Assert.DoesNotContain(inB.ListAddresses(), a => a.Address.Equals(IPAddress.Parse("198.51.100.20")));
    }
}
