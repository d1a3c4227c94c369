using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Director.Native.Netlink;
using N = Director.Native.Ipvs.IpvsNumbers;

namespace Director.Native.Ipvs;

/// <summary>
/// Encodes IPVS generic netlink requests attribute for attribute as Debian's ipvsadm 1.31 (libipvs)
/// sends them: addresses always 16 bytes, ports big-endian, flags with mask ~0, and where only a
/// key is needed (deleting, or the service nest of a destination command) the other service and
/// destination attributes carry ipvsadm's defaults. Sequence and port id are left to the socket.
/// </summary>
public static class IpvsMessageEncoder
{
    public static byte[] NewService(ushort familyId, IpvsService service) => ServiceCommand(familyId, N.CmdNewService, service);

    public static byte[] SetService(ushort familyId, IpvsService service) => ServiceCommand(familyId, N.CmdSetService, service);

    public static byte[] DeleteService(ushort familyId, IpvsServiceKey key) =>
        ServiceCommand(familyId, N.CmdDelService, KeyOnlyService(key));

    public static byte[] NewDestination(ushort familyId, IpvsServiceKey service, IpvsDestination destination) =>
        DestinationCommand(familyId, N.CmdNewDest, service, destination);

    public static byte[] SetDestination(ushort familyId, IpvsServiceKey service, IpvsDestination destination) =>
        DestinationCommand(familyId, N.CmdSetDest, service, destination);

    /// <summary>Only address and port identify the destination; the rest carries ipvsadm's defaults (DR, weight 1).</summary>
    public static byte[] DeleteDestination(ushort familyId, IpvsServiceKey service, IPAddress address, ushort port) =>
        DestinationCommand(familyId, N.CmdDelDest, service, IpvsDestination.KeyOnly(address, port));

    /// <summary>Dump request for every service.</summary>
    public static byte[] GetServices(ushort familyId) =>
        Writer(familyId, N.CmdGetService, dump: true).ToArray();

    /// <summary>Dump request for the destinations of one service (the nest carries the key only).</summary>
    public static byte[] GetDestinations(ushort familyId, IpvsServiceKey service)
    {
        var w = Writer(familyId, N.CmdGetDest, dump: true).BeginNested(N.CmdAttrService);
        PutKey(w, service);
        return w.EndNested().ToArray();
    }

    /// <summary>Sets the TCP, TCP FIN-wait and UDP connection timeouts (ipvsadm --set).</summary>
    public static byte[] SetTimeouts(ushort familyId, IpvsTimeouts timeouts) =>
        Writer(familyId, N.CmdSetConfig, dump: false)
            .U32(N.CmdAttrTimeoutTcp, timeouts.Tcp)
            .U32(N.CmdAttrTimeoutTcpFin, timeouts.TcpFin)
            .U32(N.CmdAttrTimeoutUdp, timeouts.Udp)
            .ToArray();

    /// <summary>Starts a connection-sync daemon (ipvsadm --start-daemon).</summary>
    public static byte[] StartDaemon(ushort familyId, IpvsSyncDaemon daemon)
    {
        var w = Writer(familyId, N.CmdNewDaemon, dump: false)
            .BeginNested(N.CmdAttrDaemon)
            .U32(N.DaemonAttrState, (uint)daemon.State)
            .String(N.DaemonAttrMcastIfn, daemon.Interface)
            .U32(N.DaemonAttrSyncId, daemon.SyncId);
        if (daemon.MaxLength is { } maxLength) w.U16(N.DaemonAttrSyncMaxlen, maxLength);
        if (daemon.Port is { } port) w.U16(N.DaemonAttrMcastPort, port); // host byte order, unlike service ports
        if (daemon.Ttl is { } ttl) w.U8(N.DaemonAttrMcastTtl, ttl);
        if (daemon.Group is { } group)
        {
            w.Attribute(group.AddressFamily == AddressFamily.InterNetworkV6 ? N.DaemonAttrMcastGroup6 : N.DaemonAttrMcastGroup, group.GetAddressBytes());
        }

        return w.EndNested().ToArray();
    }

    /// <summary>Stops the sync daemon of <paramref name="state"/> (ipvsadm --stop-daemon).</summary>
    public static byte[] StopDaemon(ushort familyId, IpvsSyncState state) =>
        Writer(familyId, N.CmdDelDaemon, dump: false)
            .BeginNested(N.CmdAttrDaemon)
            .U32(N.DaemonAttrState, (uint)state)
            .String(N.DaemonAttrMcastIfn, "")
            .U32(N.DaemonAttrSyncId, 0)
            .EndNested()
            .ToArray();

    public static byte[] GetInfo(ushort familyId) => Writer(familyId, N.CmdGetInfo, dump: false).ToArray();

    /// <summary>Zero every counter (ipvsadm -Z).</summary>
    public static byte[] Zero(ushort familyId) => Writer(familyId, N.CmdZero, dump: false).ToArray();

    /// <summary>Remove every service and destination (ipvsadm -C).</summary>
    public static byte[] Flush(ushort familyId) => Writer(familyId, N.CmdFlush, dump: false).ToArray();

    private static IpvsService KeyOnlyService(IpvsServiceKey key) => new() { Key = key, Scheduler = "" };

    private static byte[] ServiceCommand(ushort familyId, byte command, IpvsService service)
    {
        var w = Writer(familyId, command, dump: false);
        PutService(w, service);
        return w.ToArray();
    }

    private static byte[] DestinationCommand(ushort familyId, byte command, IpvsServiceKey service, IpvsDestination destination)
    {
        var w = Writer(familyId, command, dump: false);
        PutService(w, KeyOnlyService(service));
        PutDestination(w, destination);
        return w.ToArray();
    }

    private static NetlinkMessageWriter Writer(ushort familyId, byte command, bool dump) =>
        GenericNetlinkMessage.Writer(familyId, command, N.Version, (ushort)(Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | (dump ? Nl.NLM_F_DUMP : 0)));

    private static void PutService(NetlinkMessageWriter w, IpvsService service)
    {
        w.BeginNested(N.CmdAttrService);
        PutKey(w, service.Key);
        w.String(N.SvcAttrSchedName, service.Scheduler);
        if (!string.IsNullOrEmpty(service.PersistenceEngine)) w.String(N.SvcAttrPeName, service.PersistenceEngine);
        Span<byte> flags = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(flags, (uint)service.Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(flags[4..], uint.MaxValue);
        w.Attribute(N.SvcAttrFlags, flags);
        w.U32(N.SvcAttrTimeout, service.TimeoutSeconds);
        w.U32(N.SvcAttrNetmask, EncodeNetmask(service.Key.Family, service.EffectiveNetmaskPrefix));
        w.EndNested();
    }

    private static void PutKey(NetlinkMessageWriter w, IpvsServiceKey key)
    {
        w.U16(N.SvcAttrAf, AddressFamilyNumber(key.Family));
        if (key.IsFwmark)
        {
            w.U32(N.SvcAttrFwmark, key.Fwmark);
            return;
        }

        if (key.Address is null) throw new ArgumentException($"service {key} has neither address nor fwmark", nameof(key));
        if (key.Address.AddressFamily != key.Family)
            throw new ArgumentException($"service {key}: address family differs from the service's", nameof(key));
        w.U16(N.SvcAttrProtocol, key.Protocol);
        w.Attribute(N.SvcAttrAddr, AddressBytes(key.Address));
        w.U16BigEndian(N.SvcAttrPort, key.Port);
    }

    private static void PutDestination(NetlinkMessageWriter w, IpvsDestination d)
    {
        w.BeginNested(N.CmdAttrDest)
            .U16(N.DestAttrAddrFamily, AddressFamilyNumber(d.Address.AddressFamily))
            .Attribute(N.DestAttrAddr, AddressBytes(d.Address))
            .U16BigEndian(N.DestAttrPort, d.Port)
            .U32(N.DestAttrFwdMethod, (uint)d.Forwarding)
            .U32(N.DestAttrWeight, unchecked((uint)d.Weight))
            .U8(N.DestAttrTunType, (byte)d.TunnelType)
            .U16BigEndian(N.DestAttrTunPort, d.TunnelPort)
            .U16(N.DestAttrTunFlags, (ushort)d.TunnelFlags)
            .U32(N.DestAttrUThresh, d.UpperThreshold)
            .U32(N.DestAttrLThresh, d.LowerThreshold)
            .EndNested();
    }

    /// <summary>IPv4: the mask itself in network byte order; IPv6: the prefix length (what the kernel expects).</summary>
    internal static uint EncodeNetmask(AddressFamily family, int prefix)
    {
        if (family == AddressFamily.InterNetworkV6)
        {
            if (prefix is < 1 or > 128) throw new ArgumentOutOfRangeException(nameof(prefix), prefix, "IPv6 persistence prefix must be 1..128");
            return (uint)prefix;
        }

        if (prefix is < 0 or > 32) throw new ArgumentOutOfRangeException(nameof(prefix), prefix, "IPv4 persistence prefix must be 0..32");
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return BinaryPrimitives.ReverseEndianness(mask);
    }

    internal static ushort AddressFamilyNumber(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => N.AfInet,
        AddressFamily.InterNetworkV6 => N.AfInet6,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "IPVS handles IPv4 and IPv6 only"),
    };

    private static byte[] AddressBytes(IPAddress address)
    {
        var bytes = new byte[N.AddressLength];
        address.GetAddressBytes().CopyTo(bytes, 0);
        return bytes;
    }
}
