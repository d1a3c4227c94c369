namespace Director.Native.Ipvs;

/// <summary>Command and attribute numbers of the IPVS generic netlink family (include/uapi/linux/ip_vs.h).</summary>
internal static class IpvsNumbers
{
    public const string FamilyName = "IPVS";
    public const byte Version = 1;

    public const byte CmdNewService = 1;
    public const byte CmdSetService = 2;
    public const byte CmdDelService = 3;
    public const byte CmdGetService = 4;
    public const byte CmdNewDest = 5;
    public const byte CmdSetDest = 6;
    public const byte CmdDelDest = 7;
    public const byte CmdGetDest = 8;
    public const byte CmdNewDaemon = 9;
    public const byte CmdDelDaemon = 10;
    public const byte CmdSetConfig = 12;
    public const byte CmdGetInfo = 15;
    public const byte CmdZero = 16;
    public const byte CmdFlush = 17;

    public const ushort CmdAttrService = 1;
    public const ushort CmdAttrDest = 2;
    public const ushort CmdAttrDaemon = 3;
    public const ushort CmdAttrTimeoutTcp = 4;
    public const ushort CmdAttrTimeoutTcpFin = 5;
    public const ushort CmdAttrTimeoutUdp = 6;

    public const ushort DaemonAttrState = 1;
    public const ushort DaemonAttrMcastIfn = 2;
    public const ushort DaemonAttrSyncId = 3;
    public const ushort DaemonAttrSyncMaxlen = 4;
    public const ushort DaemonAttrMcastGroup = 5;
    public const ushort DaemonAttrMcastGroup6 = 6;
    public const ushort DaemonAttrMcastPort = 7;
    public const ushort DaemonAttrMcastTtl = 8;

    public const ushort SvcAttrAf = 1;
    public const ushort SvcAttrProtocol = 2;
    public const ushort SvcAttrAddr = 3;
    public const ushort SvcAttrPort = 4;
    public const ushort SvcAttrFwmark = 5;
    public const ushort SvcAttrSchedName = 6;
    public const ushort SvcAttrFlags = 7;
    public const ushort SvcAttrTimeout = 8;
    public const ushort SvcAttrNetmask = 9;
    public const ushort SvcAttrStats = 10;
    public const ushort SvcAttrPeName = 11;
    public const ushort SvcAttrStats64 = 12;

    public const ushort DestAttrAddr = 1;
    public const ushort DestAttrPort = 2;
    public const ushort DestAttrFwdMethod = 3;
    public const ushort DestAttrWeight = 4;
    public const ushort DestAttrUThresh = 5;
    public const ushort DestAttrLThresh = 6;
    public const ushort DestAttrActiveConns = 7;
    public const ushort DestAttrInactConns = 8;
    public const ushort DestAttrPersistConns = 9;
    public const ushort DestAttrStats = 10;
    public const ushort DestAttrAddrFamily = 11;
    public const ushort DestAttrStats64 = 12;
    public const ushort DestAttrTunType = 13;
    public const ushort DestAttrTunPort = 14;
    public const ushort DestAttrTunFlags = 15;

    public const ushort StatsConns = 1;
    public const ushort StatsInPkts = 2;
    public const ushort StatsOutPkts = 3;
    public const ushort StatsInBytes = 4;
    public const ushort StatsOutBytes = 5;
    public const ushort StatsCps = 6;
    public const ushort StatsInPps = 7;
    public const ushort StatsOutPps = 8;
    public const ushort StatsInBps = 9;
    public const ushort StatsOutBps = 10;

    /// <summary>union nf_inet_addr: IPVS always carries 16 address bytes, IPv4 in the first 4.</summary>
    public const int AddressLength = 16;

    public const ushort AfInet = 2;
    public const ushort AfInet6 = 10;
}
