using System.Buffers.Binary;
using Director.Core.Balancing;
using Director.Native.Netlink;

namespace Director.Native.Nftables.Events;

/// <summary>What an nf_tables notification says was done, to which object kind, in which table.</summary>
public readonly record struct NftObjectEvent(NftTableRef Table, string Kind, bool Removed);

/// <summary>NFT_MSG_NEWGEN: the end of one committed transaction, with who committed it.</summary>
public readonly record struct NftGenerationEvent(uint Generation, int? ProcessId, string? ProcessName);

/// <summary>
/// Decodes nf_tables' multicast notifications (NFNLGRP_NFTABLES). Layout from linux uapi
/// <c>linux/netfilter/nfnetlink.h</c> and <c>nf_tables.h</c>: type = NFNL_SUBSYS_NFTABLES (10) &lt;&lt; 8 |
/// NFT_MSG_*, then struct nfgenmsg (family u8, version u8, res_id be16), then attributes. Every
/// object message (table, chain, rule, set, set element list, object, flowtable) carries its
/// table's name as attribute 1.
/// </summary>
public static class NftEventDecoder
{
    public const int SubsystemNftables = 10;
    public const int GroupNftables = 7; // NFNLGRP_NFTABLES
    public const int MsgNewGen = 15;
    private const int FamilyHeaderLength = 4;

    // NFT_MSG_* of changes: object kind and whether the message removes it.
    private static readonly Dictionary<int, (string Kind, bool Removed)> Changes = new()
    {
        [0] = ("table", false), [2] = ("table", true),
        [3] = ("chain", false), [5] = ("chain", true),
        [6] = ("rule", false), [8] = ("rule", true),
        [9] = ("set", false), [11] = ("set", true),
        [12] = ("set element", false), [14] = ("set element", true),
        [18] = ("object", false), [20] = ("object", true),
        [22] = ("flowtable", false), [24] = ("flowtable", true),
    };

    /// <summary>nfgenmsg's family (NFPROTO_*) as nft spells it.</summary>
    public static string FamilyName(byte family) => family switch
    {
        1 => "inet",
        2 => "ip",
        3 => "arp",
        5 => "netdev",
        7 => "bridge",
        10 => "ip6",
        _ => $"family{family}",
    };

    /// <summary>An object change, or null for anything else (generation, trace, another subsystem, malformed).</summary>
    public static NftObjectEvent? DecodeObject(NetlinkMessage message)
    {
        if (message.Type >> 8 != SubsystemNftables || !Changes.TryGetValue(message.Type & 0xff, out var change)) return null;
        if (message.Payload.Length < FamilyHeaderLength) return null;
        var family = FamilyName(message.Payload.Span[0]);
        foreach (var attribute in NetlinkMessageReader.ReadAttributes(message.Payload[FamilyHeaderLength..]))
        {
            if (attribute.Type == 1) return new NftObjectEvent(new NftTableRef(family, attribute.AsString()), change.Kind, change.Removed);
        }

        return null;
    }

    /// <summary>NFT_MSG_NEWGEN's attributes (NFTA_GEN_ID, NFTA_GEN_PROC_PID, NFTA_GEN_PROC_NAME), or null for another message.</summary>
    public static NftGenerationEvent? DecodeGeneration(NetlinkMessage message)
    {
        if (message.Type != (SubsystemNftables << 8 | MsgNewGen) || message.Payload.Length < FamilyHeaderLength) return null;
        uint generation = 0;
        int? pid = null;
        string? name = null;
        foreach (var attribute in NetlinkMessageReader.ReadAttributes(message.Payload[FamilyHeaderLength..]))
        {
            switch (attribute.Type)
            {
                case 1 when attribute.Value.Length >= 4: generation = BinaryPrimitives.ReadUInt32BigEndian(attribute.Value.Span); break;
                case 2 when attribute.Value.Length >= 4: pid = (int)BinaryPrimitives.ReadUInt32BigEndian(attribute.Value.Span); break;
                case 3: name = attribute.AsString(); break;
            }
        }

        return new NftGenerationEvent(generation, pid, name);
    }
}
