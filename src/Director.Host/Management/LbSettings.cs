using System.Globalization;
using Akka.Configuration;

namespace Director.Host.Management;

/// <summary>
/// director.lb (defaults in hocon/akka.conf): read with the other settings so that a bad value
/// stops the start with its file and line, and handed to the actor system, where lb reads it.
/// </summary>
public sealed record LbSettings(string Backend, TimeSpan RebalanceInterval, string? DrIngressDevice, string? DrEgressDevice)
{
    /// <summary>director.lb.round-robin-counters: "per-service" (default: each rr/wrr service its own position, as IPVS) or "shared".</summary>
    public string RoundRobinCounters { get; init; } = "per-service";

    /// <summary>director.lb.table-check-interval: how often an IPVS table is read back and repaired where director's services differ.</summary>
    public TimeSpan TableCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MinTableCheck = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxTableCheck = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan MinRebalance = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxRebalance = TimeSpan.FromSeconds(60);

    public static LbSettings Default { get; } = new("auto", TimeSpan.FromSeconds(1), null, null);

    public static LbSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new LbSettings(
            config.OneOf("director.lb.backend", Default.Backend, "auto", "nftables", "ipvs"),
            config.Duration("director.lb.rebalance-interval", Default.RebalanceInterval, MinRebalance, MaxRebalance),
            Device(config, "director.lb.dr-ingress-device"),
            Device(config, "director.lb.dr-egress-device"))
        {
            RoundRobinCounters = config.OneOf("director.lb.round-robin-counters", "per-service", "shared", "per-service"),
            TableCheckInterval = config.Duration("director.lb.table-check-interval", TimeSpan.FromSeconds(1), MinTableCheck, MaxTableCheck),
        };
    }

    /// <summary>The settings as HOCON for the actor system's configuration.</summary>
    public string ToHocon()
    {
        var lines = new List<string>
        {
            $"director.lb.backend = {Backend}",
            $"director.lb.rebalance-interval = {((long)RebalanceInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms",
            $"director.lb.round-robin-counters = {RoundRobinCounters}",
            $"director.lb.table-check-interval = {((long)TableCheckInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms",
        };
        if (DrIngressDevice is { } ingress) lines.Add($"director.lb.dr-ingress-device = \"{ingress}\"");
        if (DrEgressDevice is { } egress) lines.Add($"director.lb.dr-egress-device = \"{egress}\"");
        return string.Join('\n', lines);
    }

    /// <summary>A Linux interface name: 1-15 characters, none of them blank, '/', ':' or a quote.</summary>
    private static string? Device(Config config, string path)
    {
        if (!config.HasPath(path)) return null;
        var name = config.Text(path, "");
        return name.Length is >= 1 and <= 15 && !name.Any(c => char.IsWhiteSpace(c) || c is '/' or ':' or '"' or '\\')
            ? name
            : throw SettingsValues.Bad(config, path, "a network interface name (1-15 characters, no blanks, '/' or ':')");
    }
}
