using System.Net;
using System.Net.Sockets;
using Director.Core.Balancing;
using Director.Native.Ipvs;

namespace Director.Native.Tests.Ipvs;

public sealed class IpvsTableMappingTests
{
    private static readonly VirtualServiceKey Tcp80 = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp);

    [Fact]
    public void Persistence_and_one_packet_become_flags_timeout_and_netmask()
    {
        var service = new VirtualService
        {
            Key = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 53, IpProtocol.Udp),
            Scheduler = Scheduler.Sh,
            Persistence = new Persistence(TimeSpan.FromSeconds(600), IPAddress.Parse("255.255.255.0")),
            OnePacket = true,
        };

        var ipvs = IpvsTableMapping.ToIpvs(service);

        Assert.Equal(IpvsServiceKey.ForAddress(17, IPAddress.Parse("10.0.0.1"), 53), ipvs.Key);
        Assert.Equal("sh", ipvs.Scheduler);
        Assert.Equal(IpvsServiceFlags.Persistent | IpvsServiceFlags.OnePacket, ipvs.Flags);
        Assert.Equal(600u, ipvs.TimeoutSeconds);
        Assert.Equal(24, ipvs.NetmaskPrefix);
    }

    [Fact]
    public void Without_persistence_there_is_no_flag_and_a_host_netmask()
    {
        var ipvs = IpvsTableMapping.ToIpvs(new VirtualService { Key = Tcp80 });

        Assert.Equal(IpvsServiceFlags.None, ipvs.Flags);
        Assert.Equal(0u, ipvs.TimeoutSeconds);
        Assert.Equal(32, ipvs.EffectiveNetmaskPrefix);
    }

    [Theory]
    [InlineData(ForwardingMethod.Masquerade, IpvsForwarding.Masquerade)]
    [InlineData(ForwardingMethod.Tunnel, IpvsForwarding.Tunnel)]
    [InlineData(ForwardingMethod.DirectRoute, IpvsForwarding.DirectRoute)]
    public void Forwarding_methods_map_both_ways(ForwardingMethod method, IpvsForwarding ipvs)
    {
        var destination = new Destination { Address = IPAddress.Parse("192.168.1.20"), Port = 80, Method = method, Weight = 4, UpperThreshold = 9, LowerThreshold = 3 };

        var mapped = IpvsTableMapping.ToIpvs(destination);

        Assert.Equal(ipvs, mapped.Forwarding);
        Assert.Equal((4, 9u, 3u), (mapped.Weight, mapped.UpperThreshold, mapped.LowerThreshold));
        Assert.Equal(destination, IpvsTableMapping.FromIpvs(mapped));
    }

    public static TheoryData<string> RoundTripCases() => ["v4 persistent /16", "v6 persistent /64", "fwmark", "v6 fwmark one-packet", "plain"];

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Services_survive_the_round_trip(string name)
    {
        var service = name switch
        {
            "v4 persistent /16" => new VirtualService { Key = Tcp80, Persistence = new Persistence(TimeSpan.FromMinutes(5), IPAddress.Parse("255.255.0.0")) },
            "v6 persistent /64" => new VirtualService
            {
                Key = VirtualServiceKey.ForAddress(IPAddress.Parse("2001:db8::1"), 443, IpProtocol.Tcp),
                Persistence = new Persistence(TimeSpan.FromSeconds(50), IPAddress.Parse("ffff:ffff:ffff:ffff::")),
            },
            "fwmark" => new VirtualService { Key = VirtualServiceKey.ForFwmark(9, IpFamily.V4, IpProtocol.Tcp), Scheduler = Scheduler.Mh },
            "v6 fwmark one-packet" => new VirtualService { Key = VirtualServiceKey.ForFwmark(9, IpFamily.V6, IpProtocol.Tcp), OnePacket = true },
            _ => new VirtualService { Key = Tcp80, Scheduler = Scheduler.Lc },
        };
        var destinations = new[]
        {
            new Destination { Address = IPAddress.Parse("192.168.1.20"), Port = 80 },
            new Destination { Address = IPAddress.Parse("192.168.1.3"), Port = 81, Method = ForwardingMethod.DirectRoute },
        };
        service = service with { Destinations = destinations.OrderBy(d => d.Address.ToString(), StringComparer.Ordinal).ToList() };

        var back = IpvsTableMapping.FromIpvs(IpvsTableMapping.ToIpvs(service), destinations.Select(IpvsTableMapping.ToIpvs));

        Assert.Equal(service, back);
    }

    [Theory]
    [InlineData("255.255.255.255", 32)]
    [InlineData("255.255.240.0", 20)]
    [InlineData("0.0.0.0", 0)]
    [InlineData("ffff:ffff:ffff:ff80::", 57)]
    public void Masks_convert_to_prefixes_and_back(string mask, int prefix)
    {
        var address = IPAddress.Parse(mask);

        Assert.Equal(prefix, IpvsTableMapping.PrefixLength(address));
        Assert.Equal(address, IpvsTableMapping.MaskOf(address.AddressFamily, prefix));
    }

    [Fact]
    public void A_service_port_outside_16_bits_is_refused()
    {
        Assert.Throws<OverflowException>(() =>
            IpvsTableMapping.ToIpvs(new VirtualService { Key = Tcp80 with { Port = 70000 } }));
        Assert.Equal(AddressFamily.InterNetworkV6, IpvsTableMapping.ToIpvs(VirtualServiceKey.ForFwmark(1, IpFamily.V6, IpProtocol.Udp)).Family);
    }
}
