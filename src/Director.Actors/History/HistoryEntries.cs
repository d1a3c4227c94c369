using Director.Actors.Balancing;
using Director.Actors.Vrrp;

namespace Director.Actors.History;

/// <summary>Turns what the actors publish into history entries.</summary>
public static class HistoryEntries
{
    public static HistoryEntry From(VrrpTransitioned m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new HistoryEntry(m.At, HistoryKinds.Vrrp, m.Instance, Upper(m.From), Upper(m.To), $"priority {m.Priority}");
    }

    public static HistoryEntry From(RealServerTransitioned m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new HistoryEntry(m.At, HistoryKinds.RealServer, $"{m.VirtualServer} {m.RealServer}",
            m.WasUp ? "up" : "down", m.IsUp ? "up" : "down", m.Weight is { } w ? $"weight {w}" : null);
    }

    public static HistoryEntry From(OperatorActed m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new HistoryEntry(m.At, HistoryKinds.Operator, m.RealServer, null, m.Action, string.Join(", ", m.VirtualServers));
    }

    private static string Upper<T>(T state) where T : struct, Enum => state.ToString().ToUpperInvariant();
}
