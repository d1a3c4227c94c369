using System.Net;
using System.Net.Sockets;
using Director.Native.Ipvs;
using E = Director.Native.Ipvs.IpvsMessageEncoder;

namespace Director.Native.Tests.Ipvs;

/// <summary>ipvsadm command lines and director's encoding of the same request, by case name.</summary>
public static class IpvsadmComparisonCases
{
    public const ushort Id = IpvsadmCapture.FakeFamilyId;

    public static readonly string[] Schedulers = ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh"];

    public static readonly IPAddress Vip = IPAddress.Parse("10.0.0.1");
    public static readonly IPAddress Vip6 = IPAddress.Parse("2001:db8::1");
    public static readonly IPAddress Real = IPAddress.Parse("192.168.1.20");
    public static readonly IPAddress Real6 = IPAddress.Parse("2001:db8::20");

    public static readonly IpvsServiceKey Tcp80 = IpvsServiceKey.ForAddress(6, Vip, 80);
    public static readonly IpvsServiceKey Udp53 = IpvsServiceKey.ForAddress(17, Vip, 53);
    public static readonly IpvsServiceKey Tcp6443 = IpvsServiceKey.ForAddress(6, Vip6, 443);
    public static readonly IpvsServiceKey Mark7 = IpvsServiceKey.ForFwmark(7);
    public static readonly IpvsServiceKey Mark7V6 = IpvsServiceKey.ForFwmark(7, AddressFamily.InterNetworkV6);

    public static readonly IReadOnlyDictionary<string, (string[] Ipvsadm, Func<byte[]> Director)> All = Build();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys) data.Add(name);
        return data;
    }

    private static Dictionary<string, (string[], Func<byte[]>)> Build()
    {
        var cases = new Dictionary<string, (string[], Func<byte[]>)>();
        void Add(string name, string ipvsadm, Func<byte[]> director) => cases.Add(name, (ipvsadm.Split(' '), director));

        foreach (var s in Schedulers)
        {
            Add($"add tcp service, scheduler {s}", $"-A -t 10.0.0.1:80 -s {s}", () => E.NewService(Id, new IpvsService { Key = Tcp80, Scheduler = s }));
        }

        Add("add tcp service, default scheduler", "-A -t 10.0.0.1:80", () => E.NewService(Id, new IpvsService { Key = Tcp80 }));
        Add("add udp service, wrr, persistent 300 s", "-A -u 10.0.0.1:53 -s wrr -p 300",
            () => E.NewService(Id, new IpvsService { Key = Udp53, Scheduler = "wrr", Flags = IpvsServiceFlags.Persistent, TimeoutSeconds = 300 }));
        Add("add tcp service, persistent with ipvsadm's default timeout", "-A -t 10.0.0.1:80 -s rr -p",
            () => E.NewService(Id, new IpvsService { Key = Tcp80, Scheduler = "rr", Flags = IpvsServiceFlags.Persistent, TimeoutSeconds = 360 }));
        Add("add udp service, persistence netmask /24, one-packet", "-A -u 10.0.0.1:53 -s wrr -p 300 -M 255.255.255.0 -o",
            () => E.NewService(Id, new IpvsService
            {
                Key = Udp53, Scheduler = "wrr", Flags = IpvsServiceFlags.Persistent | IpvsServiceFlags.OnePacket, TimeoutSeconds = 300, NetmaskPrefix = 24,
            }));
        Add("add sctp service", "-A --sctp-service 10.0.0.1:3868 -s fo",
            () => E.NewService(Id, new IpvsService { Key = IpvsServiceKey.ForAddress(132, Vip, 3868), Scheduler = "fo" }));
        Add("add fwmark service", "-A -f 7 -s sh", () => E.NewService(Id, new IpvsService { Key = Mark7, Scheduler = "sh" }));
        Add("add fwmark service, sh-fallback", "-A -f 7 -s sh -b sh-fallback",
            () => E.NewService(Id, new IpvsService { Key = Mark7, Scheduler = "sh", Flags = IpvsServiceFlags.ShFallback }));
        Add("add IPv6 fwmark service, persistent, sh-port and sh-fallback", "-A -f 7 -6 -s sh -p 300 -b sh-port,sh-fallback",
            () => E.NewService(Id, new IpvsService
            {
                Key = Mark7V6, Scheduler = "sh", TimeoutSeconds = 300,
                Flags = IpvsServiceFlags.Persistent | IpvsServiceFlags.ShPort | IpvsServiceFlags.ShFallback,
            }));
        Add("add tcp service, mh-fallback and mh-port", "-A -t 10.0.0.1:80 -s mh -b mh-fallback,mh-port",
            () => E.NewService(Id, new IpvsService { Key = Tcp80, Scheduler = "mh", Flags = IpvsServiceFlags.MhFallback | IpvsServiceFlags.MhPort }));
        Add("add tcp service, scheduler flag 3", "-A -t 10.0.0.1:80 -s rr -b flag-3",
            () => E.NewService(Id, new IpvsService { Key = Tcp80, Scheduler = "rr", Flags = IpvsServiceFlags.SchedulerFlag3 }));
        Add("add IPv6 tcp service, persistent", "-A -t [2001:db8::1]:443 -s mh -p",
            () => E.NewService(Id, new IpvsService { Key = Tcp6443, Scheduler = "mh", Flags = IpvsServiceFlags.Persistent, TimeoutSeconds = 360 }));
        Add("add IPv6 udp service, prefix /64, sip persistence engine", "-A -u [2001:db8::1]:53 -s lc -p 60 -M 64 --pe sip",
            () => E.NewService(Id, new IpvsService
            {
                Key = IpvsServiceKey.ForAddress(17, Vip6, 53), Scheduler = "lc", Flags = IpvsServiceFlags.Persistent,
                TimeoutSeconds = 60, NetmaskPrefix = 64, PersistenceEngine = "sip",
            }));
        Add("edit service", "-E -t 10.0.0.1:80 -s wlc -p 120",
            () => E.SetService(Id, new IpvsService { Key = Tcp80, Scheduler = "wlc", Flags = IpvsServiceFlags.Persistent, TimeoutSeconds = 120 }));
        Add("delete tcp service", "-D -t 10.0.0.1:80", () => E.DeleteService(Id, Tcp80));
        Add("delete IPv6 service", "-D -t [2001:db8::1]:443", () => E.DeleteService(Id, Tcp6443));
        Add("delete fwmark service", "-D -f 7", () => E.DeleteService(Id, Mark7));

        Add("add destination, masquerade, weight 3", "-a -t 10.0.0.1:80 -r 192.168.1.20:80 -m -w 3",
            () => E.NewDestination(Id, Tcp80, new IpvsDestination { Address = Real, Port = 80, Forwarding = IpvsForwarding.Masquerade, Weight = 3 }));
        Add("add destination, direct route (ipvsadm's default)", "-a -t 10.0.0.1:80 -r 192.168.1.20:80 -g",
            () => E.NewDestination(Id, Tcp80, new IpvsDestination { Address = Real, Port = 80, Forwarding = IpvsForwarding.DirectRoute }));
        Add("add destination, ipip tunnel", "-a -t 10.0.0.1:80 -r 192.168.1.20:80 -i",
            () => E.NewDestination(Id, Tcp80, new IpvsDestination { Address = Real, Port = 80, Forwarding = IpvsForwarding.Tunnel }));
        Add("add destination, gue tunnel with checksum", "-a -t 10.0.0.1:80 -r 192.168.1.20:80 -i --tun-type gue --tun-port 6080 --tun-csum",
            () => E.NewDestination(Id, Tcp80, new IpvsDestination
            {
                Address = Real, Port = 80, Forwarding = IpvsForwarding.Tunnel, TunnelType = IpvsTunnelType.Gue, TunnelPort = 6080,
                TunnelFlags = IpvsTunnelFlags.Checksum,
            }));
        Add("add destination, gue tunnel with remote checksum", "-a -t 10.0.0.1:80 -r 192.168.1.20:80 -i --tun-type gue --tun-port 5555 --tun-remcsum",
            () => E.NewDestination(Id, Tcp80, new IpvsDestination
            {
                Address = Real, Port = 80, Forwarding = IpvsForwarding.Tunnel, TunnelType = IpvsTunnelType.Gue, TunnelPort = 5555,
                TunnelFlags = IpvsTunnelFlags.RemoteChecksum,
            }));
        Add("add destination, gre tunnel with checksum", "-a -t 10.0.0.1:80 -r 192.168.1.20:80 -i --tun-type gre --tun-csum",
            () => E.NewDestination(Id, Tcp80, new IpvsDestination
            {
                Address = Real, Port = 80, Forwarding = IpvsForwarding.Tunnel, TunnelType = IpvsTunnelType.Gre, TunnelFlags = IpvsTunnelFlags.Checksum,
            }));
        Add("add destination, weight 0 (drain)", "-a -t 10.0.0.1:80 -r 192.168.1.20:80 -m -w 0",
            () => E.NewDestination(Id, Tcp80, new IpvsDestination { Address = Real, Port = 80, Forwarding = IpvsForwarding.Masquerade, Weight = 0 }));
        Add("add destination, thresholds", "-a -t 10.0.0.1:80 -r 192.168.1.20:80 -m -w 2 -x 100 -y 10",
            () => E.NewDestination(Id, Tcp80, new IpvsDestination
            {
                Address = Real, Port = 80, Forwarding = IpvsForwarding.Masquerade, Weight = 2, UpperThreshold = 100, LowerThreshold = 10,
            }));
        Add("add destination to udp service, other port", "-a -u 10.0.0.1:53 -r 192.168.1.20:5353 -m",
            () => E.NewDestination(Id, Udp53, new IpvsDestination { Address = Real, Port = 5353, Forwarding = IpvsForwarding.Masquerade }));
        Add("add destination to fwmark service", "-a -f 7 -r 192.168.1.20 -g",
            () => E.NewDestination(Id, Mark7, new IpvsDestination { Address = Real, Port = 0, Forwarding = IpvsForwarding.DirectRoute }));
        Add("add IPv6 destination", "-a -t [2001:db8::1]:443 -r [2001:db8::20]:443 -m -w 4",
            () => E.NewDestination(Id, Tcp6443, new IpvsDestination { Address = Real6, Port = 443, Forwarding = IpvsForwarding.Masquerade, Weight = 4 }));
        Add("edit destination", "-e -t 10.0.0.1:80 -r 192.168.1.20:80 -m -w 5 -x 50",
            () => E.SetDestination(Id, Tcp80, new IpvsDestination
            {
                Address = Real, Port = 80, Forwarding = IpvsForwarding.Masquerade, Weight = 5, UpperThreshold = 50,
            }));
        Add("delete destination", "-d -t 10.0.0.1:80 -r 192.168.1.20:80", () => E.DeleteDestination(Id, Tcp80, Real, 80));
        Add("delete destination of fwmark service", "-d -f 7 -r 192.168.1.20", () => E.DeleteDestination(Id, Mark7, Real, 0));
        Add("delete IPv6 destination", "-d -t [2001:db8::1]:443 -r [2001:db8::20]:443", () => E.DeleteDestination(Id, Tcp6443, Real6, 443));

        Add("set timeouts", "--set 900 120 300", () => E.SetTimeouts(Id, new IpvsTimeouts(900, 120, 300)));
        Add("set only the udp timeout", "--set 0 0 60", () => E.SetTimeouts(Id, new IpvsTimeouts(0, 0, 60)));
        Add("start master sync daemon", "--start-daemon master --mcast-interface lo --syncid 5",
            () => E.StartDaemon(Id, new IpvsSyncDaemon { State = IpvsSyncState.Master, Interface = "lo", SyncId = 5 }));
        Add("start backup sync daemon with every option", "--start-daemon backup --mcast-interface lo --syncid 5 --sync-maxlen 1400 --mcast-group 239.1.2.3 --mcast-port 9000 --mcast-ttl 3",
            () => E.StartDaemon(Id, new IpvsSyncDaemon
            {
                State = IpvsSyncState.Backup, Interface = "lo", SyncId = 5, MaxLength = 1400, Group = IPAddress.Parse("239.1.2.3"), Port = 9000, Ttl = 3,
            }));
        Add("start master sync daemon on an IPv6 group", "--start-daemon master --mcast-interface lo --mcast-group ff02::1:2",
            () => E.StartDaemon(Id, new IpvsSyncDaemon { State = IpvsSyncState.Master, Interface = "lo", Group = IPAddress.Parse("ff02::1:2") }));
        Add("stop master sync daemon", "--stop-daemon master", () => E.StopDaemon(Id, IpvsSyncState.Master));
        Add("stop backup sync daemon", "--stop-daemon backup", () => E.StopDaemon(Id, IpvsSyncState.Backup));
        Add("flush", "-C", () => E.Flush(Id));
        Add("zero counters", "-Z", () => E.Zero(Id));
        Add("list services (dump)", "-L -n", () => E.GetServices(Id));
        return cases;
    }
}
