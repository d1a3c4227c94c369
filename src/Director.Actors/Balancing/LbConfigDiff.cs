using Director.Core.Config.Model;
using Director.Core.Config.Reload;

namespace Director.Actors.Balancing;

/// <summary>A virtual_server under its actor name, with the virtual_server_group it uses (if any).</summary>
public sealed record NamedVirtualServer(string Name, VirtualServer Server, VirtualServerGroup? Group);

/// <summary>
/// What a reload changes on the load-balancing side: virtual servers by actor name; one is
/// unchanged when its block and the group it names are equal.
/// </summary>
public static class LbConfigDiff
{
    public static IReadOnlyList<NamedVirtualServer> Named(KeepalivedConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = LbNames.Unique(config.VirtualServer.Select(LbNames.VirtualServer));
        return config.VirtualServer.Select((vs, i) => new NamedVirtualServer(names[i], vs,
            vs.Address is GroupAddress g ? config.VirtualServerGroup.FirstOrDefault(x => x.Name == g.Group) : null)).ToList();
    }

    public static KeyedDiff<NamedVirtualServer> VirtualServers(KeepalivedConfig before, KeepalivedConfig after) =>
        KeyedDiff.Of(Named(before), Named(after), v => v.Name);

    /// <summary>
    /// Real servers of one virtual server by address. A real server is unchanged when its block is
    /// equal and so is what its checkers read from the virtual server (address, protocol,
    /// delay_loop, virtualhost, alpha): then its checker actor and known health stay.
    /// </summary>
    public static KeyedDiff<RealServer> RealServers(VirtualServer before, VirtualServer after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var sameContext = CheckerContext(before) == CheckerContext(after);
        return KeyedDiff.Of(before.RealServer, after.RealServer, r => $"{r.Address.Ip}:{r.Address.Port}", (a, b) => sameContext && a.Equals(b));
    }

    /// <summary>One line per change, for the log and the reload answer.</summary>
    public static IReadOnlyList<string> Describe(KeyedDiff<NamedVirtualServer> diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var lines = new List<string>();
        lines.AddRange(diff.Removed.Select(v => $"virtual_server {v.Name} removed"));
        lines.AddRange(diff.Added.Select(v => $"virtual_server {v.Name} added ({v.Server.RealServer.Count} real servers)"));
        foreach (var (before, after) in diff.Changed)
        {
            var properties = RecordChanges.Properties(before.Server, after.Server).Where(p => p != nameof(VirtualServer.RealServer)).ToList();
            if (!Equals(before.Group, after.Group)) properties.Add("virtual_server_group");
            var rs = RealServers(before.Server, after.Server);
            var parts = new List<string>();
            if (properties.Count > 0) parts.Add(string.Join(", ", properties));
            if (rs.Added.Count > 0) parts.Add($"real servers added: {Addresses(rs.Added)}");
            if (rs.Removed.Count > 0) parts.Add($"real servers removed: {Addresses(rs.Removed)}");
            if (rs.Changed.Count > 0) parts.Add($"real servers changed: {Addresses(rs.Changed.Select(c => c.After))}");
            lines.Add($"virtual_server {after.Name} changed ({string.Join("; ", parts)}); {rs.Unchanged.Count} real servers unchanged");
        }

        return lines;
    }

    private static string Addresses(IEnumerable<RealServer> servers) =>
        string.Join(" ", servers.Select(r => $"{r.Address.Ip}:{r.Address.Port}"));

    private static (VirtualServerAddress, Protocol, TimeSpan, string?, bool) CheckerContext(VirtualServer vs) =>
        (vs.Address, vs.Protocol, vs.DelayLoop, vs.Virtualhost, vs.Alpha);
}
