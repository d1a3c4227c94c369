using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Director.Native.Sockets;

/// <summary>Pure encoding of sockaddr_in / sockaddr_in6 / ip_mreqn / ipv6_mreq / in6_pktinfo.</summary>
internal static class SocketAddress
{
    public const ushort AF_INET = 2;
    public const ushort AF_INET6 = 10;
    public const int SockaddrIn6Length = 28;

    public static byte[] Encode(IPAddress address, int scopeId = 0)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var v4 = new byte[16];
            BinaryPrimitives.WriteUInt16LittleEndian(v4, AF_INET);
            address.TryWriteBytes(v4.AsSpan(4, 4), out _);
            return v4;
        }
        var v6 = new byte[SockaddrIn6Length];
        BinaryPrimitives.WriteUInt16LittleEndian(v6, AF_INET6);
        address.TryWriteBytes(v6.AsSpan(8, 16), out _);
        BinaryPrimitives.WriteUInt32LittleEndian(v6.AsSpan(24), (uint)(scopeId != 0 ? scopeId : (int)address.ScopeId));
        return v6;
    }

    public static IPAddress? Decode(ReadOnlySpan<byte> sockaddr)
    {
        if (sockaddr.Length < 2) return null;
        var family = BinaryPrimitives.ReadUInt16LittleEndian(sockaddr);
        if (family == AF_INET && sockaddr.Length >= 8) return new IPAddress(sockaddr[4..8]);
        if (family == AF_INET6 && sockaddr.Length >= SockaddrIn6Length)
            return new IPAddress(sockaddr[8..24], BinaryPrimitives.ReadUInt32LittleEndian(sockaddr[24..]));
        return null;
    }

    /// <summary>struct ip_mreqn { multiaddr, address (any), ifindex }.</summary>
    public static byte[] IpMreqn(IPAddress group, int interfaceIndex)
    {
        var bytes = new byte[12];
        group.TryWriteBytes(bytes.AsSpan(0, 4), out _);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), interfaceIndex);
        return bytes;
    }

    /// <summary>struct ipv6_mreq { multiaddr, ifindex }.</summary>
    public static byte[] Ipv6Mreq(IPAddress group, int interfaceIndex)
    {
        var bytes = new byte[20];
        group.TryWriteBytes(bytes.AsSpan(0, 16), out _);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), interfaceIndex);
        return bytes;
    }

    /// <summary>struct in6_pktinfo { addr, ifindex }.</summary>
    public static byte[] In6PktInfo(IPAddress source, int interfaceIndex)
    {
        var bytes = new byte[20];
        source.TryWriteBytes(bytes.AsSpan(0, 16), out _);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), interfaceIndex);
        return bytes;
    }
}
