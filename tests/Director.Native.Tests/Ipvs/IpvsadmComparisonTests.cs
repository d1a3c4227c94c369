using System.Net;
using Director.Native.Ipvs;

namespace Director.Native.Tests.Ipvs;

/// <summary>
/// Director's IPVS messages against Debian's ipvsadm 1.31 for the same requests, attribute by
/// attribute (netlink sequence, port id and family id aside).
/// </summary>
public sealed class IpvsadmComparisonTests : IClassFixture<IpvsadmCapture>
{
    private readonly IpvsadmCapture _ipvsadm;

    public IpvsadmComparisonTests(IpvsadmCapture ipvsadm) => _ipvsadm = ipvsadm;

    public static TheoryData<string> Cases() => IpvsadmComparisonCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Director_sends_what_ipvsadm_sends(string name)
    {
        var (arguments, director) = IpvsadmComparisonCases.All[name];

        var expected = _ipvsadm.RunCommand(arguments);

        Assert.Equal(IpvsAttributeTree.Render(expected), IpvsAttributeTree.Render(director()));
        Assert.Equal(WithoutSequenceAndPort(expected), WithoutSequenceAndPort(director()));
    }

    [Fact]
    public void Every_ipvsadm_command_starts_with_the_same_get_info_director_sends()
    {
        var messages = _ipvsadm.Run("-A", "-t", "10.0.0.1:80", "-s", "rr");

        Assert.Equal(2, messages.Count);
        Assert.Equal(
            WithoutSequenceAndPort(messages[0]),
            WithoutSequenceAndPort(IpvsMessageEncoder.GetInfo(IpvsadmCapture.FakeFamilyId)));
    }

    [Fact]
    public void IPv4_destination_under_an_IPv6_service_matches_in_the_bytes_the_kernel_reads()
    {
        // ipvsadm leaves bytes of an earlier parse in the unused 12 bytes of the 16-byte address
        // union; the kernel reads 4 bytes for AF_INET. Director sends zeros there.
        var expected = _ipvsadm.RunCommand("-a", "-t", "[2001:db8::1]:443", "-r", "192.168.1.20", "-i");
        var director = IpvsMessageEncoder.NewDestination(
            IpvsadmCapture.FakeFamilyId,
            IpvsadmComparisonCases.Tcp6443,
            new IpvsDestination { Address = IPAddress.Parse("192.168.1.20"), Port = 443, Forwarding = IpvsForwarding.Tunnel });

        var ipvsadmAddress = IpvsAttributeTree.Payload(expected, 2, 1)!;
        var directorAddress = IpvsAttributeTree.Payload(director, 2, 1)!;
        Assert.Equal(ipvsadmAddress[..4], directorAddress[..4]);
        Assert.Equal(new byte[12], directorAddress[4..]);
        Assert.Equal(Lines(expected).Where(l => !l.StartsWith("    ADDR =")), Lines(director).Where(l => !l.StartsWith("    ADDR =")));
    }

    [Theory]
    [InlineData("-g")]
    [InlineData("-i")]
    public void Ipvsadm_replaces_a_direct_route_or_tunnel_destination_port_by_the_service_port(string method)
    {
        // Not mirrored by director, which sends the port its table holds (the kernel accepts either).
        var expected = _ipvsadm.RunCommand("-a", "-t", "10.0.0.1:80", "-r", "192.168.1.20:8080", method);

        Assert.Equal([0x00, 0x50], IpvsAttributeTree.Payload(expected, 2, 2));
    }

    [Fact]
    public void Every_case_decodes_back_from_ipvsadm_bytes_to_the_records_director_encoded()
    {
        foreach (var (name, (arguments, director)) in IpvsadmComparisonCases.All)
        {
            var expected = _ipvsadm.RunCommand(arguments);
            var parsed = GenericNetlinkMessage.Parse(expected);
            if (parsed.Find(1) is null) continue;
            Assert.True(
                IpvsMessageDecoder.DecodeService(expected) == IpvsMessageDecoder.DecodeService(director()),
                $"{name}: service decoded from ipvsadm differs");
            if (parsed.Find(2) is not null)
                Assert.True(
                    IpvsMessageDecoder.DecodeDestination(expected) == IpvsMessageDecoder.DecodeDestination(director()),
                    $"{name}: destination decoded from ipvsadm differs");
        }
    }

    private static string[] Lines(byte[] message) => IpvsAttributeTree.Render(message).Split('\n');

    private static byte[] WithoutSequenceAndPort(byte[] message)
    {
        var copy = (byte[])message.Clone();
        copy.AsSpan(4, 2).Clear(); // family id
        copy.AsSpan(8, 8).Clear(); // sequence, port id
        return copy;
    }
}
