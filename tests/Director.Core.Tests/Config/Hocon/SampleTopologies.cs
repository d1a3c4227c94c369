using System.Net;
using Director.Core.Config.Model;
using Director.Core.Tests.Config.Hocon.Sample;

namespace Director.Core.Tests.Config.Hocon;

internal static class SampleTopologies
{
    public static SampleTopology Small() => new()
    {
        RouterId = "lb1",
        LvsId = 7,
        Globals = new GlobalsSample { NotificationEmail = new[] { "ops@example.org", "noc@example.org" }, EnableScriptSecurity = true },
        Timers = new TimersSample { GarpDelay = null },
        VrrpInstances = new[]
        {
            new VrrpInstanceSample
            {
                Name = "VI_1", VirtualRouterId = 51, Priority = 150, AdvertInterval = TimeSpan.FromMilliseconds(1500),
                UnicastSrcIp = IPAddress.Parse("10.0.0.1"),
                VirtualIpaddress = new[] { IPAddress.Parse("192.168.1.10"), IPAddress.Parse("2001:db8::10") },
                AuthPass = "s3cr#t \"pw\"", TrackScript = new[] { "chk_haproxy" },
            },
            new VrrpInstanceSample { Name = "VI_2", VirtualRouterId = 52, Nopreempt = true },
        },
        VirtualServers = new[]
        {
            new VirtualServerSample
            {
                Address = IPAddress.Parse("192.168.1.10"), Port = 80, LvsSched = Scheduler.Rr, LbKind = ForwardingMethod.Dr,
                DelayLoop = TimeSpan.FromSeconds(6), PersistenceTimeout = TimeSpan.FromMinutes(5),
                SorryCheck = new TcpCheckSample { ConnectPort = 8080 },
                RealServers = new[]
                {
                    new RealServerSample
                    {
                        Address = IPAddress.Parse("10.0.1.1"), Port = 80, Weight = 3,
                        Checks = new HealthCheck[]
                        {
                            new TcpCheckSample { ConnectTimeout = TimeSpan.FromSeconds(3) },
                            new HttpGetSample { Url = new[] { new UrlSample { Path = "/health", Digest = "abc" }, new UrlSample() } },
                            new MiscCheckSample { MiscPath = "/usr/bin/check --flag \"x\"", Flags = CheckFlags.Alpha | CheckFlags.Gamma },
                        },
                    },
                    new RealServerSample { Address = IPAddress.Parse("10.0.1.2"), Port = 80 },
                },
            },
        },
    };

    /// <summary>virtualServers x realServers, each real server with one TCP check.</summary>
    public static SampleTopology Large(int virtualServers, int realServers) => new()
    {
        VirtualServers = Enumerable.Range(0, virtualServers).Select(v => new VirtualServerSample
        {
            Address = new IPAddress(new byte[] { 10, 1, (byte)(v >> 8), (byte)v }),
            Port = (ushort)(1000 + v % 50),
            LvsSched = (Scheduler)(v % 5),
            RealServers = Enumerable.Range(0, realServers).Select(r => new RealServerSample
            {
                Address = new IPAddress(new byte[] { 10, 2, (byte)(v >> 8), (byte)r }),
                Port = 8080,
                Weight = r + 1,
                Checks = new HealthCheck[] { new TcpCheckSample { ConnectPort = 8080, ConnectTimeout = TimeSpan.FromMilliseconds(2500) } },
            }).ToEquatableList(),
        }).ToEquatableList(),
    };
}
