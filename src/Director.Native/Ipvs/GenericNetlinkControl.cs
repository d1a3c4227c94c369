using Director.Native.Netlink;

namespace Director.Native.Ipvs;

/// <summary>The generic netlink controller (GENL_ID_CTRL): resolving a family name to its id.</summary>
public static class GenericNetlinkControl
{
    public const ushort ControllerId = 0x10;
    private const byte CmdGetFamily = 3;
    private const ushort AttrFamilyId = 1;
    private const ushort AttrFamilyName = 2;

    /// <summary>CTRL_CMD_GETFAMILY for <paramref name="familyName"/>.</summary>
    public static byte[] GetFamily(string familyName) =>
        GenericNetlinkMessage.Writer(ControllerId, CmdGetFamily, 1, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK)
            .String(AttrFamilyName, familyName)
            .ToArray();

    /// <summary>The family id in a CTRL_CMD_NEWFAMILY reply.</summary>
    public static ushort DecodeFamilyId(ReadOnlyMemory<byte> reply) =>
        GenericNetlinkMessage.Parse(reply).Find(AttrFamilyId)?.AsUInt16()
        ?? throw new FormatException("generic netlink controller reply carries no family id");
}
