using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Director.Native.Interop;
using Director.Native.Namespaces;
using Tmds.Linux;

namespace Director.Native.Sockets;

/// <summary>
/// IPv6 VRRP: raw socket, protocol 112, SO_BINDTODEVICE, IPV6_CHECKSUM at offset 6 (the kernel
/// computes the VRRP checksum), hop limit 255 for multicast and unicast, traffic class 0xC0
/// (internetwork control, as keepalived sets it and as IPv4 adverts carry in TOS), multicast loop off,
/// member of ff02::12 on the interface, hop limit and destination reported on receive.
/// </summary>
public sealed class VrrpSocketV6 : InterfaceSocket, IVrrpSocket
{
    private const int ChecksumOffset = 6;
    private readonly byte[] _control = new byte[256];
    private readonly byte[] _name = new byte[SocketAddress.SockaddrIn6Length];

    private VrrpSocketV6(int fd, string interfaceName, int interfaceIndex)
        : base(fd, interfaceName, interfaceIndex)
    {
    }

    public static VrrpSocketV6 Open(string interfaceName, string? netns = null, bool joinMulticast = true)
    {
        var (fd, index) = NetworkNamespace.Run(netns, () => Create(interfaceName, joinMulticast));
        return new VrrpSocketV6(fd, interfaceName, index);
    }

    /// <summary>Sends with an IPV6_PKTINFO control message carrying the interface and <paramref name="source"/> (:: lets the kernel choose).</summary>
    public unsafe void Send(ReadOnlySpan<byte> vrrpMessage, IPAddress destination, IPAddress? source = null)
    {
        if (destination.AddressFamily != AddressFamily.InterNetworkV6) throw new ArgumentException($"{destination} is not IPv6", nameof(destination));
        var address = SocketAddress.Encode(destination, destination.IsIPv6LinkLocal || destination.IsIPv6Multicast ? InterfaceIndex : 0);
        var control = ControlMessages.Build(LibC.SOL_IPV6, LibC.IPV6_PKTINFO, SocketAddress.In6PktInfo(source ?? IPAddress.IPv6Any, InterfaceIndex));
        fixed (byte* p = vrrpMessage)
        fixed (byte* a = address)
        fixed (byte* c = control)
        {
            var iov = new Sys.IoVec { Base = p, Length = (nuint)vrrpMessage.Length };
            var msg = new Sys.MsgHdr
            {
                Name = a,
                NameLength = (uint)address.Length,
                Iov = &iov,
                IovLength = 1,
                Control = c,
                ControlLength = (nuint)control.Length,
            };
            Sys.Check(Sys.sendmsg(Fd, &msg, 0), $"sendmsg({destination}) on {InterfaceName}");
        }
    }

    public async ValueTask<ReceivedVrrpPacket> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Wait for readability without consuming: recvmsg (not offered by Socket) then reads the control messages.
            await Socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.Peek, cancellationToken).ConfigureAwait(false);
            var packet = TryReceive();
            if (packet is not null) return packet;
        }
    }

    private unsafe ReceivedVrrpPacket? TryReceive()
    {
        nint received;
        int controlLength;
        fixed (byte* b = Buffer)
        fixed (byte* c = _control)
        fixed (byte* n = _name)
        {
            var iov = new Sys.IoVec { Base = b, Length = (nuint)Buffer.Length };
            var msg = new Sys.MsgHdr
            {
                Name = n,
                NameLength = (uint)_name.Length,
                Iov = &iov,
                IovLength = 1,
                Control = c,
                ControlLength = (nuint)_control.Length,
            };
            received = Sys.recvmsg(Fd, &msg, Sys.MSG_DONTWAIT);
            if (received < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Sys.EAGAIN or Sys.EINTR) return null;
                throw new KernelCallException($"recvmsg on {InterfaceName}", errno);
            }
            controlLength = (int)msg.ControlLength;
        }
        var source = SocketAddress.Decode(_name) ?? IPAddress.IPv6None;
        IPAddress destination = IPAddress.IPv6None;
        int hopLimit = -1, index = 0;
        foreach (var cmsg in ControlMessages.Parse(_control.AsMemory(0, controlLength)))
        {
            if (cmsg.Level != LibC.SOL_IPV6) continue;
            if (cmsg.Type == LibC.IPV6_HOPLIMIT && cmsg.Data.Length >= 4)
                hopLimit = BinaryPrimitives.ReadInt32LittleEndian(cmsg.Data.Span);
            else if (cmsg.Type == LibC.IPV6_PKTINFO && cmsg.Data.Length >= 20)
            {
                destination = new IPAddress(cmsg.Data.Span[..16]);
                index = BinaryPrimitives.ReadInt32LittleEndian(cmsg.Data.Span[16..]);
            }
        }
        return new ReceivedVrrpPacket(source, destination, hopLimit, index, Buffer.AsSpan(0, (int)received).ToArray());
    }

    private static (int Fd, int Index) Create(string interfaceName, bool joinMulticast)
    {
        var index = RawSocketOptions.InterfaceIndex(interfaceName);
        var fd = Sys.Check(Sys.socket(LibC.AF_INET6, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, VrrpProtocol.IpProtocol), "socket(AF_INET6, SOCK_RAW, 112)");
        try
        {
            RawSocketOptions.BindToDevice(fd, interfaceName);
            Sys.SetIntOption(fd, LibC.SOL_IPV6, LibC.IPV6_CHECKSUM, ChecksumOffset, "setsockopt(IPV6_CHECKSUM)");
            Sys.SetIntOption(fd, LibC.SOL_IPV6, LibC.IPV6_MULTICAST_HOPS, VrrpProtocol.HopLimit, "setsockopt(IPV6_MULTICAST_HOPS)");
            Sys.SetIntOption(fd, LibC.SOL_IPV6, LibC.IPV6_UNICAST_HOPS, VrrpProtocol.HopLimit, "setsockopt(IPV6_UNICAST_HOPS)");
            Sys.SetIntOption(fd, LibC.SOL_IPV6, LibC.IPV6_TCLASS, VrrpProtocol.Tos, "setsockopt(IPV6_TCLASS)");
            Sys.SetIntOption(fd, LibC.SOL_IPV6, LibC.IPV6_MULTICAST_LOOP, 0, "setsockopt(IPV6_MULTICAST_LOOP)");
            Sys.SetIntOption(fd, LibC.SOL_IPV6, LibC.IPV6_MULTICAST_IF, index, "setsockopt(IPV6_MULTICAST_IF)");
            Sys.SetIntOption(fd, LibC.SOL_IPV6, LibC.IPV6_RECVHOPLIMIT, 1, "setsockopt(IPV6_RECVHOPLIMIT)");
            Sys.SetIntOption(fd, LibC.SOL_IPV6, LibC.IPV6_RECVPKTINFO, 1, "setsockopt(IPV6_RECVPKTINFO)");
            if (joinMulticast)
                RawSocketOptions.Set(fd, LibC.SOL_IPV6, LibC.IPV6_ADD_MEMBERSHIP, SocketAddress.Ipv6Mreq(VrrpProtocol.MulticastV6, index), "setsockopt(IPV6_ADD_MEMBERSHIP ff02::12)");
            return (fd, index);
        }
        catch
        {
            Sys.close(fd);
            throw;
        }
    }
}
