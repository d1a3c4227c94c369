using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Director.Native.Ipvs;
using K = Director.Native.Tests.Ipvs.KernelReplies;

namespace Director.Native.Tests.Ipvs;

/// <summary>
/// The reading direction: kernel-style dump replies are handed to ipvsadm (through the shim) and
/// to director's decoder; ipvsadm's listing must show what director decoded, and the GET_SERVICE /
/// GET_DEST dump requests ipvsadm sends must be the ones director sends.
/// </summary>
public sealed class IpvsadmListingTests : IClassFixture<IpvsadmCapture>
{
    private const ushort Id = IpvsadmCapture.FakeFamilyId;
    private readonly IpvsadmCapture _ipvsadm;

    public IpvsadmListingTests(IpvsadmCapture ipvsadm) => _ipvsadm = ipvsadm;

    public static TheoryData<string> Cases() => ["tcp persistent /24", "ipv6 udp", "ipv6 persistent /64", "fwmark"];

    private static (byte[] Service, byte[][] Destinations) Replies(string name) => name switch
    {
        "tcp persistent /24" => (
            K.Service(Id, 2, 6, IPAddress.Parse("10.0.0.1"), 80, "wrr", flags: 0x3, timeout: 300, netmask: 0x00ffffff),
            [
                K.Destination(Id, IPAddress.Parse("192.168.1.21"), 8080, method: 0, weight: 5, active: 7, inactive: 3),
                K.Destination(Id, IPAddress.Parse("192.168.1.22"), 80, method: 3, weight: 0, active: 1, inactive: 12),
            ]),
        "ipv6 udp" => (
            K.Service(Id, 10, 17, IPAddress.Parse("2001:db8::1"), 53, "rr", flags: 0x2, timeout: 0, netmask: 128),
            [K.Destination(Id, IPAddress.Parse("2001:db8::20"), 53, method: 2, weight: 1, active: 0, inactive: 4)]),
        "ipv6 persistent /64" => (
            K.Service(Id, 10, 6, IPAddress.Parse("2001:db8::1"), 443, "sh", flags: 0x1b, timeout: 60, netmask: 64),
            [K.Destination(Id, IPAddress.Parse("2001:db8::20"), 443, method: 0, weight: 2, active: 5, inactive: 0)]),
        _ => (
            K.FwmarkService(Id, 2, 7, "mh", 0x2),
            [K.Destination(Id, IPAddress.Parse("192.168.1.23"), 0, method: 3, weight: 9, active: 2, inactive: 2)]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ipvsadm_lists_what_director_decodes(string name)
    {
        var (serviceReply, destinationReplies) = Replies(name);
        byte[] replies = [.. K.Info(Id), .. serviceReply, .. destinationReplies.SelectMany(d => d)];

        var (sent, output) = _ipvsadm.RunAnswering(replies, "-L", "-n");

        var service = IpvsMessageDecoder.DecodeService(serviceReply).Service;
        var destinations = destinationReplies.Select(d => IpvsMessageDecoder.DecodeDestination(d, service.Key.Family)).ToList();
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Tokens).ToList();
        Assert.Contains(ServiceTokens(service), lines);
        foreach (var d in destinations) Assert.Contains(DestinationTokens(d), lines);

        Assert.Equal(3, sent.Count);
        Assert.Equal(IpvsAttributeTree.Render(sent[1]), IpvsAttributeTree.Render(IpvsMessageEncoder.GetServices(Id)));
        Assert.Equal(IpvsAttributeTree.Render(sent[2]), IpvsAttributeTree.Render(IpvsMessageEncoder.GetDestinations(Id, service.Key)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ipvsadm_shows_the_statistics_and_thresholds_director_decodes(string name)
    {
        var (serviceReply, destinationReplies) = Replies(name);
        byte[] replies = [.. K.Info(Id), .. serviceReply, .. destinationReplies.SelectMany(d => d)];

        var stats = _ipvsadm.RunAnswering(replies, "-L", "-n", "--stats", "--exact").Output;
        var thresholds = _ipvsadm.RunAnswering(replies, "-L", "-n", "--thresholds").Output;

        var service = IpvsMessageDecoder.DecodeService(serviceReply);
        var statLines = stats.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Tokens).ToList();
        Assert.Contains(statLines, l => l.Length >= 7 && l[0] != "->" && l[^5..].SequenceEqual(Counters(service.Stats)));
        var thresholdLines = thresholds.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Tokens).ToList();
        foreach (var reply in destinationReplies)
        {
            var d = IpvsMessageDecoder.DecodeDestination(reply, service.Service.Key.Family);
            Assert.Contains(statLines, l => l.Length == 7 && l[1] == Endpoint(d.Destination.Address, d.Destination.Port) && l[2..].SequenceEqual(Counters(d.Stats)));
            Assert.Contains(
                new[] { "->", Endpoint(d.Destination.Address, d.Destination.Port), N(d.Destination.UpperThreshold), N(d.Destination.LowerThreshold), N(d.ActiveConnections), N(d.InactiveConnections) },
                thresholdLines);
        }
    }

    private static string[] Tokens(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string N(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string[] Counters(IpvsStats s) => [N(s.Connections), N(s.InPackets), N(s.OutPackets), N(s.InBytes), N(s.OutBytes)];

    private static string Endpoint(IPAddress address, ushort port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

    private static string[] ServiceTokens(IpvsService s)
    {
        var tokens = new List<string>();
        if (s.Key.IsFwmark)
        {
            tokens.AddRange(["FWM", N(s.Key.Fwmark)]);
            if (s.Key.Family == AddressFamily.InterNetworkV6) tokens.Add("IPv6");
        }
        else
        {
            tokens.AddRange([s.Key.Protocol switch { 6 => "TCP", 17 => "UDP", _ => "SCTP" }, Endpoint(s.Key.Address!, s.Key.Port)]);
        }

        tokens.Add(s.Scheduler);
        var schedulerFlags = new[] { IpvsServiceFlags.SchedulerFlag1, IpvsServiceFlags.SchedulerFlag2, IpvsServiceFlags.SchedulerFlag3 }
            .Select((flag, i) => s.Flags.HasFlag(flag) ? (s.Scheduler is "sh" or "mh" && i < 2 ? $"{s.Scheduler}-{(i == 0 ? "fallback" : "port")}" : $"flag-{i + 1}") : null)
            .OfType<string>()
            .ToList();
        if (schedulerFlags.Count > 0) tokens.Add($"({string.Join(',', schedulerFlags)})");
        if (s.Flags.HasFlag(IpvsServiceFlags.Persistent))
        {
            tokens.AddRange(["persistent", N(s.TimeoutSeconds)]);
            var host = s.Key.Family == AddressFamily.InterNetworkV6 ? 128 : 32;
            if (s.EffectiveNetmaskPrefix != host)
                tokens.AddRange(["mask", s.Key.Family == AddressFamily.InterNetworkV6
                    ? N((ulong)s.EffectiveNetmaskPrefix)
                    : IpvsTableMapping.MaskOf(AddressFamily.InterNetwork, s.EffectiveNetmaskPrefix).ToString()]);
        }

        return [.. tokens];
    }

    private static string[] DestinationTokens(IpvsDestinationEntry d) =>
    [
        "->", Endpoint(d.Destination.Address, d.Destination.Port),
        d.Destination.Forwarding switch
        {
            IpvsForwarding.Masquerade => "Masq",
            IpvsForwarding.Tunnel => "Tunnel",
            IpvsForwarding.DirectRoute => "Route",
            _ => "Local",
        },
        N((ulong)d.Destination.Weight), N(d.ActiveConnections), N(d.InactiveConnections),
    ];
}
