using System.Buffers.Binary;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using Director.Native.Netlink;

namespace Director.Native.Nftables;

/// <summary>
/// <see cref="NftOp"/>s as one nf_tables batch (BATCH_BEGIN, one message per op, BATCH_END), the
/// messages libnftables would send for the same commands (checked against nft by
/// NftFastChangeTests), numbered from the first sequence. Only the last message asks for an ACK:
/// the kernel handles the batch before sendto returns, and reports every failure anyway. Pure.
/// </summary>
internal static class NftNetlinkEncoder
{
    private const ushort SubsysNftables = 10;
    private const ushort BatchBegin = 0x10;
    private const ushort BatchEnd = 0x11;
    private const ushort NewRule = 6;
    private const ushort DelRule = 8;
    private const ushort NewSetElem = 12;
    private const ushort DelSetElem = 14;

    // NFTA_* attribute numbers (linux/netfilter/nf_tables.h).
    private const ushort RuleTable = 1, RuleChain = 2, RuleExpressions = 4;
    private const ushort ListElem = 1, ExprName = 1, ExprData = 2;
    private const ushort SetElemListTable = 1, SetElemListSet = 2, SetElemListElements = 3;
    private const ushort SetElemKey = 1, SetElemData = 2, DataValue = 1;
    private const uint Reg1 = 1, Reg2 = 2, Reg32_01 = 9;

    /// <summary>The batch; the operations have sequence numbers first + 1 .. first + count.</summary>
    public static byte[] Encode(IReadOnlyList<NftOp> ops, uint firstSequence)
    {
        var parts = new List<byte[]> { Batch(BatchBegin, firstSequence) };
        var sequence = firstSequence;
        for (var i = 0; i < ops.Count; i++) parts.Add(Message(ops[i], ++sequence, ack: i == ops.Count - 1));
        parts.Add(Batch(BatchEnd, ++sequence));
        var bytes = new byte[parts.Sum(p => p.Length)];
        var at = 0;
        foreach (var p in parts)
        {
            p.CopyTo(bytes, at);
            at += p.Length;
        }

        return bytes;
    }

    private static byte Family(IpFamily f) => f == IpFamily.V6 ? (byte)10 : (byte)2;

    private static byte[] Batch(ushort type, uint sequence)
    {
        var w = new NetlinkMessageWriter(type, Nl.NLM_F_REQUEST);
        w.Fixed([0, 0, 0, (byte)SubsysNftables]);
        return Sequenced(w.ToArray(), sequence);
    }

    private static byte[] Sequenced(byte[] message, uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        return message;
    }

    private static NetlinkMessageWriter Start(ushort command, ushort flags, IpFamily family)
    {
        var w = new NetlinkMessageWriter((ushort)((SubsysNftables << 8) | command), (ushort)(Nl.NLM_F_REQUEST | flags));
        w.Fixed([Family(family), 0, 0, 0]);
        return w;
    }

    private static byte[] Message(NftOp op, uint sequence, bool ack)
    {
        var message = Sequenced(Unsequenced(op), sequence);
        if (ack) BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(6), (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(6)) | Nl.NLM_F_ACK));
        return message;
    }

    private static byte[] Unsequenced(NftOp op) => op switch
    {
        NftFlushChain c => Start(DelRule, 0, c.Family).String(RuleTable, NftRulesetBuilder.TableName).String(RuleChain, c.Chain).ToArray(),
        NftFlushSet s => Start(DelSetElem, 0, s.Family).String(SetElemListTable, NftRulesetBuilder.TableName).String(SetElemListSet, s.Set).ToArray(),
        NftSetElements e => Elements(e),
        NftNumgenDnatRule r => Rule(r),
        _ => throw new ArgumentException($"unknown nftables operation {op}", nameof(op)),
    };

    private static byte[] Elements(NftSetElements e)
    {
        var w = e.Add ? Start(NewSetElem, Nl.NLM_F_CREATE, e.Family) : Start(DelSetElem, 0, e.Family);
        w.String(SetElemListTable, NftRulesetBuilder.TableName).String(SetElemListSet, e.Set).BeginNested(SetElemListElements);
        foreach (var element in e.Elements)
        {
            w.BeginNested(ListElem);
            w.BeginNested(SetElemKey).Attribute(DataValue, element.Key).EndNested();
            if (element.Data is { } data) w.BeginNested(SetElemData).Attribute(DataValue, data).EndNested();
            w.EndNested();
        }

        return w.EndNested().ToArray();
    }

    private static byte[] Rule(NftNumgenDnatRule r)
    {
        const ushort create = Nl.NLM_F_CREATE | 0x800; // NLM_F_APPEND, as `add rule`
        var w = Start(NewRule, create, r.Family).String(RuleTable, NftRulesetBuilder.TableName).String(RuleChain, r.Chain).BeginNested(RuleExpressions);
        if (r.L4Protocol is { } protocol)
        {
            // meta load l4proto => reg 1; cmp eq reg 1 P
            Expression(w, "meta", e => e.U32Be(2, 16).U32Be(1, Reg1));
            Expression(w, "cmp", e => e.U32Be(1, Reg1).U32Be(2, 0).BeginNested(3).Attribute(DataValue, [protocol]).EndNested());
        }

        // numgen reg 1 = inc mod N; lookup reg 1 set MAP dreg 1; nat dnat FAMILY addr_min reg 1 [proto_min reg]
        Expression(w, "numgen", e => e.U32Be(1, Reg1).U32Be(2, r.Modulus).U32Be(3, 0).U32Be(4, 0));
        Expression(w, "lookup", e => e.U32Be(2, Reg1).U32Be(3, Reg1).String(1, r.Map));
        Expression(w, "nat", e =>
        {
            e.U32Be(1, 1).U32Be(2, Family(r.Family)).U32Be(3, Reg1);
            if (r.L4Protocol is not null) e.U32Be(5, r.Family == IpFamily.V6 ? Reg2 : Reg32_01);
            return e;
        });
        return w.EndNested().ToArray();
    }

    private static void Expression(NetlinkMessageWriter w, string name, Func<NetlinkMessageWriter, NetlinkMessageWriter> data)
    {
        w.BeginNested(ListElem).String(ExprName, name).BeginNested(ExprData);
        data(w).EndNested().EndNested();
    }

    /// <summary>nf_tables attributes carry 32-bit values in network order.</summary>
    private static NetlinkMessageWriter U32Be(this NetlinkMessageWriter w, ushort type, uint value)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(v, value);
        return w.Attribute(type, v);
    }
}
