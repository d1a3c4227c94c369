using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Director.Native.Tests.Ipvs;

/// <summary>
/// Dump replies laid out as the kernel's ip_vs_ctl.c fills them (nests without NLA_F_NESTED,
/// STATS with 32-bit counters and STATS64 with 64-bit ones, NLM_F_MULTI), built independently of
/// director's writer.
/// </summary>
public static class KernelReplies
{
    private const ushort NlmFMulti = 0x2;

    public static byte[] Attr(ushort type, byte[] payload)
    {
        var padded = (4 + payload.Length + 3) & ~3;
        var a = new byte[padded];
        BinaryPrimitives.WriteUInt16LittleEndian(a, (ushort)(4 + payload.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(a.AsSpan(2), type);
        payload.CopyTo(a, 4);
        return a;
    }

    public static byte[] Nest(ushort type, params byte[][] attributes) => Attr(type, attributes.SelectMany(x => x).ToArray());

    public static byte[] U16(ushort type, ushort v) => Attr(type, BitConverter.GetBytes(v));

    public static byte[] Be16(ushort type, ushort v) => Attr(type, [(byte)(v >> 8), (byte)v]);

    public static byte[] U32(ushort type, uint v) => Attr(type, BitConverter.GetBytes(v));

    public static byte[] U64(ushort type, ulong v) => Attr(type, BitConverter.GetBytes(v));

    public static byte[] Str(ushort type, string s) => Attr(type, Encoding.ASCII.GetBytes(s + "\0"));

    public static byte[] Address(ushort type, IPAddress address)
    {
        var bytes = new byte[16];
        address.GetAddressBytes().CopyTo(bytes, 0);
        return Attr(type, bytes);
    }

    public static byte[] Message(ushort familyId, byte command, params byte[][] attributes)
    {
        var body = attributes.SelectMany(x => x).ToArray();
        var m = new byte[20 + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(m, (uint)m.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(4), familyId);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(6), NlmFMulti);
        m[16] = command;
        m[17] = 1;
        body.CopyTo(m, 20);
        return m;
    }

    /// <summary>The SET_INFO answer to GET_INFO: IPVS version and connection table size.</summary>
    public static byte[] Info(ushort familyId, uint version = 0x010201, uint connectionTableSize = 4096) =>
        Message(familyId, 14, U32(1, version), U32(2, connectionTableSize));

    /// <summary>STATS (32-bit packet/connection counters, 64-bit bytes) counting up from <paramref name="start"/>.</summary>
    public static byte[] Stats32(ushort type, uint start) => Nest(type,
        U32(1, start), U32(2, start + 1), U32(3, start + 2), U64(4, start + 3UL), U64(5, start + 4UL),
        U32(6, start + 5), U32(7, start + 6), U32(8, start + 7), U32(9, start + 8), U32(10, start + 9));

    /// <summary>STATS64 (all 64-bit, with the PAD attribute the kernel inserts for alignment).</summary>
    public static byte[] Stats64(ushort type, ulong start) => Nest(type,
        U64(1, start), U64(2, start + 1), U64(3, start + 2), U64(4, start + 3), U64(5, start + 4),
        U64(6, start + 5), U64(7, start + 6), U64(8, start + 7), U64(9, start + 8), U64(10, start + 9), Attr(11, []));

    /// <summary>A GET_SERVICE dump part for a TCP/UDP service.</summary>
    public static byte[] Service(ushort familyId, ushort af, ushort protocol, IPAddress address, ushort port, string scheduler,
        uint flags, uint timeout, uint netmask) =>
        Message(familyId, 1, Nest(1,
            U16(1, af), U16(2, protocol), Address(3, address), Be16(4, port), Str(6, scheduler),
            Attr(7, [.. BitConverter.GetBytes(flags), .. BitConverter.GetBytes(uint.MaxValue)]),
            U32(8, timeout), U32(9, netmask), Stats32(10, 100), Stats64(12, 1000)));

    /// <summary>A GET_SERVICE dump part for a fwmark service.</summary>
    public static byte[] FwmarkService(ushort familyId, ushort af, uint fwmark, string scheduler, uint flags) =>
        Message(familyId, 1, Nest(1,
            U16(1, af), U32(5, fwmark), Str(6, scheduler),
            Attr(7, [.. BitConverter.GetBytes(flags), .. BitConverter.GetBytes(uint.MaxValue)]),
            U32(8, 0), U32(9, 0xffffffff), Stats32(10, 0), Stats64(12, 0)));

    /// <summary>A GET_DEST dump part in the kernel's attribute order; <paramref name="withFamily"/> false mimics kernels before 4.3.</summary>
    public static byte[] Destination(ushort familyId, IPAddress address, ushort port, uint method, uint weight,
        uint active = 0, uint inactive = 0, uint persistent = 0, bool withFamily = true)
    {
        var attributes = new List<byte[]>
        {
            Address(1, address), Be16(2, port), U32(3, method), U32(4, weight),
            Attr(13, [2]), Be16(14, 6080), U16(15, 1),
            U32(5, 100), U32(6, 10), U32(7, active), U32(8, inactive), U32(9, persistent),
        };
        if (withFamily) attributes.Add(U16(11, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? (ushort)10 : (ushort)2));
        attributes.Add(Stats32(10, 7));
        attributes.Add(Stats64(12, 70));
        return Message(familyId, 5, Nest(2, [.. attributes]));
    }
}
