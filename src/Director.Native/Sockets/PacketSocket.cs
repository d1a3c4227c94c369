using System.Buffers.Binary;
using System.Net.Sockets;
using Director.Native.Interop;
using Director.Native.Namespaces;
using Tmds.Linux;

namespace Director.Native.Sockets;

/// <summary>
/// AF_PACKET/SOCK_RAW socket bound to one interface: sends whole Ethernet frames (gratuitous ARP,
/// unsolicited NA) and can receive frames of one EtherType (or all).
/// </summary>
public sealed class PacketSocket : InterfaceSocket
{
    public const ushort EthPNone = 0;
    public const ushort EthPAll = 0x0003;
    public const ushort EthPArp = 0x0806;
    public const ushort EthPIpv6 = 0x86dd;


    private PacketSocket(int fd, string interfaceName, int interfaceIndex)
        : base(fd, interfaceName, interfaceIndex)
    {
    }

    /// <summary>
    /// Opens on <paramref name="interfaceName"/> in <paramref name="netns"/>. <paramref name="etherType"/>
    /// selects what is received (<see cref="EthPAll"/> for everything, 0 for nothing: a send-only
    /// socket that queues no frames); sending is unaffected.
    /// </summary>
    public static PacketSocket Open(string interfaceName, string? netns = null, ushort etherType = EthPArp)
    {
        var (fd, index) = NetworkNamespace.Run(netns, () => Create(interfaceName, etherType));
        return new PacketSocket(fd, interfaceName, index);
    }

    /// <summary>Sends one complete Ethernet frame out of the interface.</summary>
    public unsafe void Send(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 14) throw new ArgumentException("an Ethernet frame has at least 14 bytes", nameof(frame));
        Span<byte> address = stackalloc byte[20];
        EncodeLinkAddress(address, BinaryPrimitives.ReadUInt16BigEndian(frame[12..]), InterfaceIndex, frame[..6]);
        fixed (byte* f = frame)
        fixed (byte* a = address)
            Sys.Check(Sys.sendto(Fd, f, (nuint)frame.Length, 0, a, (uint)address.Length), $"send(AF_PACKET) on {InterfaceName}");
    }

    /// <summary>struct sockaddr_ll { family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8] }.</summary>
    private static void EncodeLinkAddress(Span<byte> address, ushort etherType, int index, ReadOnlySpan<byte> mac)
    {
        address.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(address, (ushort)LibC.AF_PACKET);
        BinaryPrimitives.WriteUInt16BigEndian(address[2..], etherType);
        BinaryPrimitives.WriteInt32LittleEndian(address[4..], index);
        address[11] = (byte)mac.Length;
        mac.CopyTo(address[12..]);
    }

    /// <summary>Waits for the next frame (incoming or outgoing on the interface).</summary>
    public async ValueTask<byte[]> ReceiveAsync(CancellationToken cancellationToken)
    {
        var received = await Socket.ReceiveAsync(Buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        return Buffer.AsSpan(0, received).ToArray();
    }

    private static unsafe (int Fd, int Index) Create(string interfaceName, ushort etherType)
    {
        var index = RawSocketOptions.InterfaceIndex(interfaceName);
        var protocol = BinaryPrimitives.ReverseEndianness(etherType);
        var fd = Sys.Check(Sys.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol), "socket(AF_PACKET, SOCK_RAW)");
        try
        {
            Span<byte> address = stackalloc byte[20];
            EncodeLinkAddress(address, etherType, index, []);
            fixed (byte* a = address) Sys.Check(Sys.bind(fd, a, (uint)address.Length), $"bind(AF_PACKET {interfaceName})");
            return (fd, index);
        }
        catch
        {
            Sys.close(fd);
            throw;
        }
    }
}
