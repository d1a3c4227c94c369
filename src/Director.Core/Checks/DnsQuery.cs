using System.Buffers.Binary;
using System.Text;

namespace Director.Core.Checks;

/// <summary>
/// The DNS_CHECK query and reply test, as keepalived does them: one question (class IN) with
/// recursion desired and a random id; a reply passes when it is at least a header long, has the
/// same id, has QR set and RCODE 0 (NOERROR). Replies that are too short, carry another id or are
/// not responses are ignored (the checker keeps waiting); a response with another RCODE fails.
/// </summary>
public static class DnsQuery
{
    public const int HeaderLength = 12;

    private static readonly Dictionary<string, ushort> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A"] = 1, ["NS"] = 2, ["CNAME"] = 5, ["SOA"] = 6, ["MX"] = 15, ["TXT"] = 16, ["AAAA"] = 28, ["RRSIG"] = 46, ["DNSKEY"] = 48,
    };

    public static bool TryGetType(string name, out ushort type) => Types.TryGetValue(name ?? "", out type);

    public static byte[] Encode(ushort id, string name, string type)
    {
        if (!TryGetType(type, out var qtype))
            throw new ArgumentException($"unknown DNS type '{type}'", nameof(type));
        ArgumentNullException.ThrowIfNull(name);
        var buffer = new List<byte>(HeaderLength + name.Length + 6);
        Span<byte> header = stackalloc byte[HeaderLength];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], 0x0100); // RD
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], 1);      // QDCOUNT
        buffer.AddRange(header.ToArray());
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            if (bytes.Length > 63)
                throw new ArgumentException($"DNS label longer than 63 bytes in '{name}'", nameof(name));
            buffer.Add((byte)bytes.Length);
            buffer.AddRange(bytes);
        }
        buffer.Add(0);
        buffer.Add((byte)(qtype >> 8));
        buffer.Add((byte)qtype);
        buffer.Add(0);
        buffer.Add(1); // IN
        return buffer.ToArray();
    }

    public enum ReplyVerdict
    {
        /// <summary>Not our reply: keep waiting.</summary>
        Ignore,
        Success,
        Failure,
    }

    public static ReplyVerdict Judge(ReadOnlySpan<byte> reply, ushort id, out int rcode)
    {
        rcode = -1;
        if (reply.Length < HeaderLength)
            return ReplyVerdict.Ignore;
        if (BinaryPrimitives.ReadUInt16BigEndian(reply) != id)
            return ReplyVerdict.Ignore;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(reply[2..]);
        if ((flags & 0x8000) == 0)
            return ReplyVerdict.Ignore;
        rcode = flags & 0x000F;
        return rcode == 0 ? ReplyVerdict.Success : ReplyVerdict.Failure;
    }
}
