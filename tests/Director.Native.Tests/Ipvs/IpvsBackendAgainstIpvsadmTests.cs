using System.Net;
using Director.Core.Balancing;
using Director.Native.Ipvs;

namespace Director.Native.Tests.Ipvs;

/// <summary>
/// The whole path: desired-table changes through <see cref="IpvsBackend"/> give, message for
/// message, what ipvsadm sends for the equivalent command line.
/// </summary>
public sealed class IpvsBackendAgainstIpvsadmTests : IClassFixture<IpvsadmCapture>
{
    private static readonly VirtualServiceKey Tcp80 = VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp);
    private static readonly VirtualServiceKey Udp6 = VirtualServiceKey.ForAddress(IPAddress.Parse("2001:db8::1"), 53, IpProtocol.Udp);
    private static readonly VirtualServiceKey Mark7 = VirtualServiceKey.ForFwmark(7, IpFamily.V4, IpProtocol.Tcp);
    private static readonly IPAddress Real = IPAddress.Parse("192.168.1.20");

    private readonly IpvsadmCapture _ipvsadm;

    public IpvsBackendAgainstIpvsadmTests(IpvsadmCapture ipvsadm) => _ipvsadm = ipvsadm;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys) data.Add(name);
        return data;
    }

    private static readonly Dictionary<string, (string Ipvsadm, TableChange Change)> All = new()
    {
        ["add wrr service with persistence"] = ("-A -t 10.0.0.1:80 -s wrr -p 300",
            new AddService(new VirtualService { Key = Tcp80, Scheduler = Scheduler.Wrr, Persistence = new Persistence(TimeSpan.FromSeconds(300)) })),
        ["add service with persistence granularity"] = ("-A -t 10.0.0.1:80 -s sh -p 60 -M 255.255.0.0",
            new AddService(new VirtualService
            {
                Key = Tcp80, Scheduler = Scheduler.Sh, Persistence = new Persistence(TimeSpan.FromSeconds(60), IPAddress.Parse("255.255.0.0")),
            })),
        ["add IPv6 udp one-packet service"] = ("-A -u [2001:db8::1]:53 -s rr -o",
            new AddService(new VirtualService { Key = Udp6, Scheduler = Scheduler.Rr, OnePacket = true })),
        ["add IPv6 service with /64 persistence"] = ("-A -u [2001:db8::1]:53 -s lc -p 30 -M 64",
            new AddService(new VirtualService
            {
                Key = Udp6, Scheduler = Scheduler.Lc, Persistence = new Persistence(TimeSpan.FromSeconds(30), IPAddress.Parse("ffff:ffff:ffff:ffff::")),
            })),
        ["add fwmark service"] = ("-A -f 7 -s mh", new AddService(new VirtualService { Key = Mark7, Scheduler = Scheduler.Mh })),
        ["edit service"] = ("-E -t 10.0.0.1:80 -s nq",
            new EditService(new VirtualService { Key = Tcp80 }, new VirtualService { Key = Tcp80, Scheduler = Scheduler.Nq })),
        ["remove service"] = ("-D -t 10.0.0.1:80", new RemoveService(Tcp80)),
        ["remove fwmark service"] = ("-D -f 7", new RemoveService(Mark7)),
        ["add NAT destination"] = ("-a -t 10.0.0.1:80 -r 192.168.1.20:8080 -m -w 3 -x 200 -y 20",
            new AddDestination(Tcp80, new Destination
            {
                Address = Real, Port = 8080, Weight = 3, Method = ForwardingMethod.Masquerade, UpperThreshold = 200, LowerThreshold = 20,
            })),
        ["add DR destination"] = ("-a -t 10.0.0.1:80 -r 192.168.1.20:80 -g -w 2",
            new AddDestination(Tcp80, new Destination { Address = Real, Port = 80, Weight = 2, Method = ForwardingMethod.DirectRoute })),
        ["add TUN destination"] = ("-a -t 10.0.0.1:80 -r 192.168.1.20:80 -i -w 1",
            new AddDestination(Tcp80, new Destination { Address = Real, Port = 80, Weight = 1, Method = ForwardingMethod.Tunnel })),
        ["add destination to fwmark service"] = ("-a -f 7 -r 192.168.1.20 -g",
            new AddDestination(Mark7, new Destination { Address = Real, Port = 0, Method = ForwardingMethod.DirectRoute })),
        ["edit destination to weight 0"] = ("-e -t 10.0.0.1:80 -r 192.168.1.20:8080 -m -w 0",
            new EditDestination(Tcp80, new Destination { Address = Real, Port = 8080 }, new Destination { Address = Real, Port = 8080, Weight = 0 })),
        ["remove destination"] = ("-d -t 10.0.0.1:80 -r 192.168.1.20:8080", new RemoveDestination(Tcp80, new DestinationKey(Real, 8080))),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Backend_sends_what_ipvsadm_sends(string name)
    {
        var (arguments, change) = All[name];
        var channel = new RecordingChannel();
        using var backend = new IpvsBackend(new IpvsClient(channel, IpvsadmCapture.FakeFamilyId));

        await backend.ApplyAsync([change], DesiredTable.Empty, CancellationToken.None);

        var expected = _ipvsadm.RunCommand(arguments.Split(' '));
        var sent = Assert.Single(channel.Sent);
        Assert.Equal(IpvsAttributeTree.Render(expected), IpvsAttributeTree.Render(sent));
    }
}
