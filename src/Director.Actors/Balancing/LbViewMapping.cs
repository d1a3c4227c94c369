using Director.Actors.State;
using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>Turns a virtual server actor's status into the plain view the `state` actor reports.</summary>
public static class LbViewMapping
{
    public static VirtualServerView ToView(VirtualServer vs, VirtualServerStatus status)
    {
        ArgumentNullException.ThrowIfNull(vs);
        ArgumentNullException.ThrowIfNull(status);
        var installed = status.Services
            .SelectMany(s => s.Destinations)
            .GroupBy(d => $"{d.Address}:{d.Port}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Weight, StringComparer.Ordinal);
        var servers = vs.RealServer
            .Select(rs => $"{rs.Address.Ip}:{rs.Address.Port}")
            .Distinct(StringComparer.Ordinal)
            .Select(address =>
            {
                var health = status.Health.GetValueOrDefault(address);
                return new RealServerView(address, health?.IsUp ?? false, installed.GetValueOrDefault(address), 0);
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
