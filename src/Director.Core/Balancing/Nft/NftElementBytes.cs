using System.Buffers.Binary;
using System.Net;

namespace Director.Core.Balancing.Nft;

/// <summary>
/// Set element keys and data as nf_tables holds them: each field of a concatenation padded to 4
/// bytes; addresses and ports in network order; marks and <c>numgen</c> integers in host order
/// (little-endian on the hosts director runs on).
/// </summary>
internal static class NftElementBytes
{
    public static byte[] Concat(params ReadOnlySpan<byte[]> fields)
    {
        var length = 0;
        foreach (var f in fields) length += (f.Length + 3) & ~3;
        var bytes = new byte[length];
        var at = 0;
        foreach (var f in fields)
        {
            f.CopyTo(bytes, at);
            at += (f.Length + 3) & ~3;
        }

        return bytes;
    }

    public static byte[] Address(IPAddress address) => address.GetAddressBytes();

    public static byte[] Port(int port)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)port);
        return bytes;
    }

    /// <summary>A mark or a <c>numgen</c> value.</summary>
    public static byte[] HostU32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>The element of set <c>dests</c> <see cref="NftRegistryCodec.EncodeDestination"/> writes as text.</summary>
    public static byte[] Destination(int serviceId, Destination d) =>
        Concat(HostU32((uint)serviceId), Address(d.Address), Port(d.Port), HostU32((uint)d.Weight), HostU32((uint)d.Method));
}
