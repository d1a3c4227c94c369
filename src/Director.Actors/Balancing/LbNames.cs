using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>Actor names of the load-balancing side.</summary>
public static class LbNames
{
    public const string Supervisor = "lb";

    /// <summary><c>vs-IP:PORT</c>, <c>vs-fwmark-N</c> or <c>vs-group-NAME</c>; a non-TCP protocol is appended (<c>-udp</c>).</summary>
    public static string VirtualServer(VirtualServer vs)
    {
        ArgumentNullException.ThrowIfNull(vs);
        var name = vs.Address switch
        {
            IpPortAddress ip => $"vs-{ip.Ip}:{ip.Port}",
            FwmarkAddress mark => $"vs-fwmark-{mark.Fwmark}",
            GroupAddress group => $"vs-group-{group.Group}",
            _ => "vs-unknown",
        };
        return vs.Protocol == Protocol.Tcp ? Safe(name) : Safe($"{name}-{vs.Protocol.ToString().ToLowerInvariant()}");
    }

    public static string RealServer(RealServerAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Safe($"rs-{address.Ip}:{address.Port}");
    }

    /// <summary>Names unique in a list: the second "x" becomes "x~2".</summary>
    public static IReadOnlyList<string> Unique(IEnumerable<string> names)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in names)
        {
            var n = seen.GetValueOrDefault(name) + 1;
            seen[name] = n;
            result.Add(n == 1 ? name : $"{name}~{n}");
        }

        return result;
    }

    /// <summary>Akka path elements allow letters, digits and -_.*$+:@&amp;=,!~';</summary>
    private static string Safe(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || "-_.*$+:@&=,!~';".Contains(c) ? c : '_').ToArray());
}
