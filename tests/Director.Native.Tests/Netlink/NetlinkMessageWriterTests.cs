using System.Buffers.Binary;
using Director.Native.Netlink;

namespace Director.Native.Tests.Netlink;

public class NetlinkMessageWriterTests
{
    [Fact]
    public void Header_carries_length_type_and_flags_and_attributes_are_padded()
    {
        var bytes = new NetlinkMessageWriter(Rtnl.RTM_NEWADDR, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK)
            .Fixed([1, 2, 3, 4, 5, 6, 7, 8])
            .Attribute(7, [0xaa, 0xbb, 0xcc])
            .ToArray();

        Assert.Equal(16 + 8 + 8, bytes.Length);
        Assert.Equal((uint)bytes.Length, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(Rtnl.RTM_NEWADDR, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(7, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(26))); // nla_type
        Assert.Equal(7, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(24))); // nla_len = 4 + 3, unpadded
        Assert.Equal(0, bytes[^1]);
    }

    [Fact]
    public void Nested_attribute_length_covers_its_children_and_sets_the_nested_flag()
    {
        var bytes = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, Nl.NLM_F_REQUEST)
            .BeginNested(Rtnl.IFLA_LINKINFO)
                .String(Rtnl.IFLA_INFO_KIND, "macvlan")
            .EndNested()
            .ToArray();

        var message = Assert.Single(NetlinkMessageReader.ReadMessages(bytes));
        Assert.Equal(16 + 4 + 12, bytes.Length);
        Assert.Equal(Rtnl.IFLA_LINKINFO | Nl.NLA_F_NESTED, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(18)));
        var outer = Assert.Single(NetlinkMessageReader.ReadAttributes(message.Payload));
        Assert.Equal(Rtnl.IFLA_LINKINFO, outer.Type);
        var kind = Assert.Single(NetlinkMessageReader.ReadAttributes(outer.Value));
        Assert.Equal("macvlan", kind.AsString());
    }

    [Fact]
    public void Unclosed_nest_is_refused()
    {
        var writer = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, 0).BeginNested(1);
        Assert.Throws<InvalidOperationException>(() => writer.ToArray());
    }

    [Fact]
    public void Reader_splits_several_messages_of_one_datagram()
    {
        var first = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, Nl.NLM_F_MULTI).Fixed(new byte[16]).ToArray();
        var second = new NetlinkMessageWriter(Nl.NLMSG_DONE, Nl.NLM_F_MULTI).Fixed(new byte[4]).ToArray();
        var messages = NetlinkMessageReader.ReadMessages(first.Concat(second).ToArray());
        Assert.Equal([Rtnl.RTM_NEWLINK, Nl.NLMSG_DONE], messages.Select(m => m.Type));
        Assert.Equal(16, messages[0].Payload.Length);
    }

    [Fact]
    public void Reader_rejects_a_length_beyond_the_datagram()
    {
        var bytes = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, 0).Fixed(new byte[16]).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 400);
        Assert.Throws<FormatException>(() => NetlinkMessageReader.ReadMessages(bytes));
    }

    [Fact]
    public void Error_with_extended_ack_yields_errno_and_text()
    {
        var original = new NetlinkMessageWriter(Rtnl.RTM_NEWADDR, Nl.NLM_F_REQUEST).Fixed(new byte[8]).ToArray();
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(payload, -17);
        var error = new NetlinkMessageWriter(Nl.NLMSG_ERROR, Nl.NLM_F_CAPPED | Nl.NLM_F_ACK_TLVS)
            .Fixed(payload)
            .Fixed(original.AsSpan(0, 16))
            .String(Nl.NLMSGERR_ATTR_MSG, "Address already assigned")
            .ToArray();

        var (code, text) = NetlinkMessageReader.ReadError(Assert.Single(NetlinkMessageReader.ReadMessages(error)));
        Assert.Equal(-17, code);
        Assert.Equal("Address already assigned", text);
    }

    [Fact]
    public void Error_without_extended_ack_has_no_text()
    {
        var payload = new byte[4 + 16];
        var ack = new NetlinkMessageWriter(Nl.NLMSG_ERROR, 0).Fixed(payload).ToArray();
        var (code, text) = NetlinkMessageReader.ReadError(Assert.Single(NetlinkMessageReader.ReadMessages(ack)));
        Assert.Equal(0, code);
        Assert.Null(text);
    }
}
