using System.Net;
using Director.Core.Config.Hocon;
using Director.Core.Config.Model;

// A stand-in for the real keepalived model, exercising every mapping convention.
namespace Director.Core.Tests.Config.Hocon.Sample;

public enum Scheduler { Rr, Wrr, Lc, Wlc, SourceHash }

public enum ForwardingMethod { Nat, Dr, Tun }

[Flags]
public enum CheckFlags { None = 0, Alpha = 1, Beta = 2, Gamma = 4 }

public sealed record SampleTopology
{
    public string RouterId { get; init; } = "director";
    public int LvsId { get; init; }
    public GlobalsSample Globals { get; init; } = new();
    public TimersSample? Timers { get; init; }
    public EquatableList<VrrpInstanceSample> VrrpInstances { get; init; } = EquatableList<VrrpInstanceSample>.Empty;
    public EquatableList<VirtualServerSample> VirtualServers { get; init; } = EquatableList<VirtualServerSample>.Empty;
}

public sealed record GlobalsSample
{
    public string NotificationEmailFrom { get; init; } = "root@localhost";
    public EquatableList<string> NotificationEmail { get; init; } = EquatableList<string>.Empty;
    public IPAddress SmtpServer { get; init; } = IPAddress.Loopback;
    public TimeSpan SmtpConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public bool EnableScriptSecurity { get; init; }
}

public sealed record TimersSample
{
    public TimeSpan AdvertInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan? GarpDelay { get; init; } = TimeSpan.FromSeconds(5);
}

public sealed record VrrpInstanceSample
{
    public string Name { get; init; } = "";
    public int VirtualRouterId { get; init; }
    public int Priority { get; init; } = 100;
    public TimeSpan AdvertInterval { get; init; } = TimeSpan.FromSeconds(1);
    public IPAddress? UnicastSrcIp { get; init; }
    public EquatableList<IPAddress> VirtualIpaddress { get; init; } = EquatableList<IPAddress>.Empty;
    public bool Nopreempt { get; init; }
    public string? AuthPass { get; init; }
    public EquatableList<string> TrackScript { get; init; } = EquatableList<string>.Empty;
}

public sealed record VirtualServerSample
{
    public IPAddress Address { get; init; } = IPAddress.Any;
    public ushort Port { get; init; }
    public Scheduler LvsSched { get; init; } = Scheduler.Wlc;
    public ForwardingMethod LbKind { get; init; } = ForwardingMethod.Nat;
    public TimeSpan DelayLoop { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan? PersistenceTimeout { get; init; }
    public HealthCheck? SorryCheck { get; init; }
    public EquatableList<RealServerSample> RealServers { get; init; } = EquatableList<RealServerSample>.Empty;
}

public sealed record RealServerSample
{
    public IPAddress Address { get; init; } = IPAddress.Any;
    public ushort Port { get; init; }
    public int Weight { get; init; } = 1;
    public EquatableList<HealthCheck> Checks { get; init; } = EquatableList<HealthCheck>.Empty;
}

public abstract record HealthCheck
{
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public int Retry { get; init; } = 1;
}

[ConfigKind("TCP_CHECK")]
public sealed record TcpCheckSample : HealthCheck
{
    public ushort? ConnectPort { get; init; }
}

[ConfigKind("HTTP_GET")]
public sealed record HttpGetSample : HealthCheck
{
    public EquatableList<UrlSample> Url { get; init; } = EquatableList<UrlSample>.Empty;
}

[ConfigKind("MISC_CHECK")]
public sealed record MiscCheckSample : HealthCheck
{
    public string MiscPath { get; init; } = "";
    public CheckFlags Flags { get; init; }
}

public sealed record UrlSample
{
    public string Path { get; init; } = "/";
    public int StatusCode { get; init; } = 200;
    public string? Digest { get; init; }
}

/// <summary>Every scalar kind, plain and nullable, plus list shapes.</summary>
public sealed record ScalarsSample
{
    public string Text { get; init; } = "";
    public string? MaybeText { get; init; }
    public bool Flag { get; init; }
    public bool? MaybeFlag { get; init; }
    public int Int { get; init; }
    public int? MaybeInt { get; init; }
    public long Long { get; init; }
    public long? MaybeLong { get; init; }
    public byte Byte { get; init; }
    public ushort UShort { get; init; }
    public uint UInt { get; init; }
    public ulong ULong { get; init; }
    public short Short { get; init; }
    public sbyte SByte { get; init; }
    public double Double { get; init; }
    public double? MaybeDouble { get; init; }
    public float Float { get; init; }
    public TimeSpan Duration { get; init; }
    public TimeSpan? MaybeDuration { get; init; }
    public IPAddress? Address { get; init; }
    public IPAddress IPv6Address { get; init; } = IPAddress.IPv6Loopback;
    public Scheduler Scheduler { get; init; }
    public Scheduler? MaybeScheduler { get; init; }
    public CheckFlags Flags { get; init; }
    public EquatableList<string> Strings { get; init; } = EquatableList<string>.Empty;
    public EquatableList<int?> MaybeInts { get; init; } = EquatableList<int?>.Empty;
    public EquatableList<EquatableList<int>> Matrix { get; init; } = EquatableList<EquatableList<int>>.Empty;
    public EquatableList<TimeSpan> Durations { get; init; } = EquatableList<TimeSpan>.Empty;
    public EquatableList<string>? MaybeList { get; init; } = EquatableList<string>.Empty;
    public string? DefaultedText { get; init; } = "set";
    [HoconKey("custom.key with space")]
    public int Renamed { get; init; }
}

public sealed record Unsupported
{
    public List<int> Items { get; init; } = [];
}

public sealed record Clashing
{
    public int Value { get; init; }
    [HoconKey("value")]
    public int Other { get; init; }
}
