using Director.Actors.Native;
using Director.Actors.State;
using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>Turns a virtual server actor's status into the plain view the `state` actor reports.</summary>
public static class LbViewMapping
{
    /// <param name="connections">Active and inactive connections per (service, destination); null: reported as 0.</param>
    public static VirtualServerView ToView(VirtualServer vs, VirtualServerStatus status, ActiveConnectionsSnapshot? connections = null)
    {
        ArgumentNullException.ThrowIfNull(vs);
        ArgumentNullException.ThrowIfNull(status);
        var installed = status.Services
            .SelectMany(s => s.Destinations)
            .GroupBy(d => $"{d.Address}:{d.Port}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Weight, StringComparer.Ordinal);
        var counted = status.Services
            .SelectMany(s => s.Destinations.Select(d => (
                Address: $"{d.Address}:{d.Port}",
                Active: connections?.For(s.Key, d.Key) ?? 0,
                Inactive: connections?.InactiveFor(s.Key, d.Key) ?? 0)))
            .GroupBy(x => x.Address, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Active: g.Sum(x => x.Active), Inactive: g.Sum(x => x.Inactive)), StringComparer.Ordinal);
        var servers = vs.RealServer
            .Select(rs => $"{rs.Address.Ip}:{rs.Address.Port}")
            .Distinct(StringComparer.Ordinal)
            .Select(address =>
            {
                var health = status.Health.GetValueOrDefault(address);
                var count = counted.GetValueOrDefault(address);
                return new RealServerView(address, health?.IsUp ?? false, installed.GetValueOrDefault(address), count.Active)
                {
                    InactiveConnections = count.Inactive,
                    OperatorWeight = status.Overrides.TryGetValue(address, out var weight) ? weight : null,
                };
            })
            .ToList();
        return new VirtualServerView(status.Name, Protocol(vs), Scheduler(vs), servers);
    }

    public static VirtualServerView Unanswered(string name, VirtualServer vs)
    {
        ArgumentNullException.ThrowIfNull(vs);
        return new VirtualServerView(name, Protocol(vs), Scheduler(vs), []);
    }

    private static string Protocol(VirtualServer vs) => vs.Protocol.ToString().ToUpperInvariant();

    private static string Scheduler(VirtualServer vs) => vs.LbAlgo.ToString().ToLowerInvariant();
}
