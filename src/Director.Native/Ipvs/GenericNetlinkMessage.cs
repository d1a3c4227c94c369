using Director.Native.Netlink;

namespace Director.Native.Ipvs;

/// <summary>
/// A received generic netlink message split into header fields, generic netlink command and attributes;
/// and the start of one to send (<see cref="Writer"/>). The framing itself is <see cref="NetlinkMessageReader"/>'s
/// and <see cref="NetlinkMessageWriter"/>'s.
/// </summary>
public sealed record GenericNetlinkMessage(
    ushort Type,
    ushort Flags,
    uint Sequence,
    uint PortId,
    byte Command,
    byte Version,
    IReadOnlyList<NetlinkAttribute> Attributes)
{
    public const int HeaderLength = Nl.HeaderLength;
    public const int GenericHeaderLength = 4;

    /// <summary>A message to <paramref name="familyId"/>: nlmsghdr and genlmsghdr written, attributes to follow.</summary>
    public static NetlinkMessageWriter Writer(ushort familyId, byte command, byte version, ushort flags) =>
        new NetlinkMessageWriter(familyId, flags).Fixed([command, version, 0, 0]);

    /// <summary>Splits a buffer holding one or more netlink messages (as recv returns them), headers included.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> buffer) =>
        NetlinkMessageReader.ReadMessages(buffer).Select(m => m.Bytes).ToList();

    /// <summary>Parses one generic netlink message (nlmsghdr + genlmsghdr + attributes); malformed ones raise <see cref="FormatException"/>.</summary>
    public static GenericNetlinkMessage Parse(ReadOnlyMemory<byte> message)
    {
        var m = NetlinkMessageReader.ReadMessage(message);
        if (m.Payload.Length < GenericHeaderLength)
            throw new FormatException($"generic netlink message of {m.Bytes.Length} bytes is shorter than its headers");
        var genl = m.Payload.Span;
        return new GenericNetlinkMessage(
            m.Type, m.Flags, m.Sequence, m.PortId, genl[0], genl[1],
            NetlinkMessageReader.ReadAttributes(m.Payload[GenericHeaderLength..], strict: true));
    }

    public NetlinkAttribute? Find(ushort type) => Find(Attributes, type);

    public static NetlinkAttribute? Find(IReadOnlyList<NetlinkAttribute> attributes, ushort type) =>
        NetlinkMessageReader.Find(attributes, type);
}
