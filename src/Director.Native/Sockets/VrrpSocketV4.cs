using System.Net;
using System.Net.Sockets;
using Director.Core.Vrrp;
using Director.Native.Interop;
using Director.Native.Namespaces;
using Tmds.Linux;

namespace Director.Native.Sockets;

/// <summary>
/// IPv4 VRRP: raw socket, protocol 112, SO_BINDTODEVICE, IP_HDRINCL (TOS 0xC0, TTL 255 and the
/// source are written by us), multicast loop off, member of 224.0.0.18 on the interface.
/// </summary>
public sealed class VrrpSocketV4 : InterfaceSocket, IVrrpSocket
{

    private VrrpSocketV4(int fd, string interfaceName, int interfaceIndex)
        : base(fd, interfaceName, interfaceIndex)
    {
    }

    /// <summary>Opens the socket on <paramref name="interfaceName"/> in <paramref name="netns"/> (null: current).</summary>
    public static VrrpSocketV4 Open(string interfaceName, string? netns = null, bool joinMulticast = true)
    {
        var (fd, index) = NetworkNamespace.Run(netns, () => Create(interfaceName, joinMulticast));
        return new VrrpSocketV4(fd, interfaceName, index);
    }

    public unsafe void Send(ReadOnlySpan<byte> vrrpMessage, IPAddress destination, IPAddress? source = null)
    {
        // Identification 0: IP_HDRINCL has the kernel fill it in (and the header checksum again).
        var header = new Ipv4Header(VrrpProtocol.Tos, checked((ushort)(Ipv4Header.MinimumLength + vrrpMessage.Length)), Identification: 0,
            DontFragment: false, MoreFragments: false, FragmentOffset: 0, VrrpProtocol.HopLimit, VrrpProtocol.IpProtocol,
            HeaderChecksum: 0, source ?? IPAddress.Any, destination);
        var packet = new byte[header.TotalLength];
        Ipv4HeaderCodec.Write(header, packet);
        vrrpMessage.CopyTo(packet.AsSpan(Ipv4Header.MinimumLength));
        var address = SocketAddress.Encode(destination);
        fixed (byte* p = packet)
        fixed (byte* a = address)
            Sys.Check(Sys.sendto(Fd, p, (nuint)packet.Length, 0, a, (uint)address.Length), $"sendto({destination}) on {InterfaceName}");
    }

    public async ValueTask<ReceivedVrrpPacket> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var received = await Socket.ReceiveAsync(Buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (!Ipv4HeaderCodec.TryRead(Buffer.AsSpan(0, received), out var header) || header.Protocol != VrrpProtocol.IpProtocol) continue;
            // A total length that disagrees with what arrived is left for the VRRP decoder's length check.
            var end = header.TotalLength >= header.HeaderLength ? Math.Min(received, header.TotalLength) : received;
            // One copy per packet: the payload is a slice of the datagram.
            var datagram = Buffer.AsSpan(0, received).ToArray();
            var payload = datagram.AsMemory(header.HeaderLength, end - header.HeaderLength);
            return new ReceivedVrrpPacket(header.Source, header.Destination, header.Ttl, 0, payload)
            {
                Datagram = datagram,
            };
        }
    }

    private static (int Fd, int Index) Create(string interfaceName, bool joinMulticast)
    {
        var index = RawSocketOptions.InterfaceIndex(interfaceName);
        var fd = Sys.Check(Sys.socket(LibC.AF_INET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, VrrpProtocol.IpProtocol), "socket(AF_INET, SOCK_RAW, 112)");
        try
        {
            RawSocketOptions.BindToDevice(fd, interfaceName);
            Sys.SetIntOption(fd, LibC.SOL_IP, LibC.IP_HDRINCL, 1, "setsockopt(IP_HDRINCL)");
            Sys.SetIntOption(fd, LibC.SOL_IP, LibC.IP_MULTICAST_LOOP, 0, "setsockopt(IP_MULTICAST_LOOP)");
            Sys.SetIntOption(fd, LibC.SOL_IP, LibC.IP_MULTICAST_TTL, VrrpProtocol.HopLimit, "setsockopt(IP_MULTICAST_TTL)");
            var mreqn = SocketAddress.IpMreqn(IPAddress.Any, index);
            RawSocketOptions.Set(fd, LibC.SOL_IP, LibC.IP_MULTICAST_IF, mreqn, "setsockopt(IP_MULTICAST_IF)");
            if (joinMulticast)
                RawSocketOptions.Set(fd, LibC.SOL_IP, LibC.IP_ADD_MEMBERSHIP, SocketAddress.IpMreqn(VrrpProtocol.MulticastV4, index), "setsockopt(IP_ADD_MEMBERSHIP 224.0.0.18)");
            return (fd, index);
        }
        catch
        {
            Sys.close(fd);
            throw;
        }
    }
}
