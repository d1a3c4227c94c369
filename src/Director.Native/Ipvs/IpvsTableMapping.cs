using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Director.Core.Balancing;
using Director.Core.Config.Model;

namespace Director.Native.Ipvs;

/// <summary>Translates the desired-table model to IPVS records and back (for read-back).</summary>
public static class IpvsTableMapping
{
    public static IpvsServiceKey ToIpvs(VirtualServiceKey key) => key.IsFwmark
        ? IpvsServiceKey.ForFwmark(key.Fwmark, Family(key.Family))
        : new IpvsServiceKey
        {
            Family = Family(key.Family),
            Protocol = (ushort)key.Protocol,
            Address = key.Address ?? throw new ArgumentException($"service {key} has neither address nor fwmark", nameof(key)),
            Port = checked((ushort)key.Port),
        };

    public static IpvsService ToIpvs(VirtualService service)
    {
        var flags = IpvsServiceFlags.None;
        if (service.Persistence is not null) flags |= IpvsServiceFlags.Persistent;
        if (service.OnePacket) flags |= IpvsServiceFlags.OnePacket;
        if (service.SchedulerFlags.HasFlag(SchedulerFlags.Flag1)) flags |= IpvsServiceFlags.SchedulerFlag1;
        if (service.SchedulerFlags.HasFlag(SchedulerFlags.Flag2)) flags |= IpvsServiceFlags.SchedulerFlag2;
        if (service.SchedulerFlags.HasFlag(SchedulerFlags.Flag3)) flags |= IpvsServiceFlags.SchedulerFlag3;
        return new IpvsService
        {
            Key = ToIpvs(service.Key),
            Scheduler = service.Scheduler.Name,
            Flags = flags,
            TimeoutSeconds = service.Persistence is { } p ? checked((uint)Math.Ceiling(p.Timeout.TotalSeconds)) : 0,
            NetmaskPrefix = service.Persistence?.Netmask is { } mask ? PrefixLength(mask) : null,
            PersistenceEngine = service.Persistence?.Engine,
        };
    }

    private static SchedulerFlags SchedulerFlagsOf(IpvsServiceFlags flags) =>
        (flags.HasFlag(IpvsServiceFlags.SchedulerFlag1) ? SchedulerFlags.Flag1 : SchedulerFlags.None)
        | (flags.HasFlag(IpvsServiceFlags.SchedulerFlag2) ? SchedulerFlags.Flag2 : SchedulerFlags.None)
        | (flags.HasFlag(IpvsServiceFlags.SchedulerFlag3) ? SchedulerFlags.Flag3 : SchedulerFlags.None);

    private static (IpvsTunnelType Type, ushort Port, IpvsTunnelFlags Flags) TunnelOf(TunnelOptions? tunnel) => tunnel is null
        ? (IpvsTunnelType.IpIp, (ushort)0, IpvsTunnelFlags.NoChecksum)
        : (tunnel.Type switch
        {
            TunnelType.Gue => IpvsTunnelType.Gue,
            TunnelType.Gre => IpvsTunnelType.Gre,
            _ => IpvsTunnelType.IpIp,
        }, checked((ushort)tunnel.Port), tunnel.Checksum switch
        {
            TunnelChecksum.Csum => IpvsTunnelFlags.Checksum,
            TunnelChecksum.RemCsum => IpvsTunnelFlags.RemoteChecksum,
            _ => IpvsTunnelFlags.NoChecksum,
        });

    private static TunnelOptions? TunnelOf(IpvsDestination d)
    {
        var tunnel = new TunnelOptions
        {
            Type = d.TunnelType switch
            {
                IpvsTunnelType.Gue => TunnelType.Gue,
                IpvsTunnelType.Gre => TunnelType.Gre,
                _ => TunnelType.Ipip,
            },
            Port = d.TunnelPort,
            Checksum = d.TunnelFlags.HasFlag(IpvsTunnelFlags.RemoteChecksum) ? TunnelChecksum.RemCsum
                : d.TunnelFlags.HasFlag(IpvsTunnelFlags.Checksum) ? TunnelChecksum.Csum : TunnelChecksum.NoCsum,
        };
        return d.Forwarding != IpvsForwarding.Tunnel || tunnel == TunnelOptions.Ipip ? null : tunnel;
    }

    public static IpvsDestination ToIpvs(Destination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var (type, port, flags) = TunnelOf(destination.Tunnel);
        return ToIpvsWithoutTunnel(destination) with { TunnelType = type, TunnelPort = port, TunnelFlags = flags };
    }

    private static IpvsDestination ToIpvsWithoutTunnel(Destination destination) => new()
    {
        Address = destination.Address,
        Port = checked((ushort)destination.Port),
        Forwarding = destination.Method switch
        {
            ForwardingMethod.Masquerade => IpvsForwarding.Masquerade,
            ForwardingMethod.Tunnel => IpvsForwarding.Tunnel,
            ForwardingMethod.DirectRoute => IpvsForwarding.DirectRoute,
            _ => throw new ArgumentOutOfRangeException(nameof(destination), destination.Method, "unknown forwarding method"),
        },
        Weight = destination.Weight,
        UpperThreshold = destination.UpperThreshold,
        LowerThreshold = destination.LowerThreshold,
    };

    /// <summary>
    /// A service read from the kernel. IPVS does not report a fwmark service's protocol, so those
    /// come back as TCP; the hashed flag is not part of the model.
    /// </summary>
    public static VirtualService FromIpvs(IpvsService service, IEnumerable<IpvsDestination> destinations)
    {
        var key = service.Key;
        var modelKey = FromIpvs(key);
        var family = modelKey.Family;
        var hostPrefix = family == IpFamily.V6 ? 128 : 32;
        return new VirtualService
        {
            Key = modelKey,
            Scheduler = new Scheduler(service.Scheduler),
            OnePacket = service.Flags.HasFlag(IpvsServiceFlags.OnePacket),
            SchedulerFlags = SchedulerFlagsOf(service.Flags),
            Persistence = service.Flags.HasFlag(IpvsServiceFlags.Persistent)
                ? new Persistence(
                    TimeSpan.FromSeconds(service.TimeoutSeconds),
                    service.EffectiveNetmaskPrefix == hostPrefix ? null : MaskOf(key.Family, service.EffectiveNetmaskPrefix),
                    service.PersistenceEngine)
                : null,
            Destinations = destinations.Select(FromIpvs).OrderBy(d => d.Address.ToString(), StringComparer.Ordinal).ThenBy(d => d.Port).ToEquatableList(),
        };
    }

    /// <summary>A service key read from the kernel; a fwmark service's (unreported) protocol comes back as TCP.</summary>
    public static VirtualServiceKey FromIpvs(IpvsServiceKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var family = key.Family == AddressFamily.InterNetworkV6 ? IpFamily.V6 : IpFamily.V4;
        return key.IsFwmark
            ? VirtualServiceKey.ForFwmark(key.Fwmark, family, IpProtocol.Tcp)
            : VirtualServiceKey.ForAddress(key.Address!, key.Port, (IpProtocol)key.Protocol);
    }

    public static Destination FromIpvs(IpvsDestination destination) => new()
    {
        Address = destination.Address,
        Port = destination.Port,
        Weight = destination.Weight,
        Method = destination.Forwarding switch
        {
            IpvsForwarding.Masquerade => ForwardingMethod.Masquerade,
            IpvsForwarding.Tunnel => ForwardingMethod.Tunnel,
            _ => ForwardingMethod.DirectRoute,
        },
        UpperThreshold = destination.UpperThreshold,
        LowerThreshold = destination.LowerThreshold,
        Tunnel = TunnelOf(destination),
    };

    /// <summary>Leading one bits of a mask (a contiguous mask is assumed, as IPVS applies it).</summary>
    internal static int PrefixLength(IPAddress mask)
    {
        var prefix = 0;
        foreach (var b in mask.GetAddressBytes())
        {
            var ones = BitOperations.LeadingZeroCount((uint)(byte)~b) - 24;
            prefix += ones;
            if (ones < 8) break;
        }

        return prefix;
    }

    internal static IPAddress MaskOf(AddressFamily family, int prefix)
    {
        var bytes = new byte[family == AddressFamily.InterNetworkV6 ? 16 : 4];
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] = (byte)(0xff00 >> bits);
        }

        return new IPAddress(bytes);
    }

    private static AddressFamily Family(IpFamily family) =>
        family == IpFamily.V6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
}
