namespace Director.Actors.History;

/// <summary>
/// One line of the history: a VRRP transition, a real server going up or down, or an operator's
/// action. Journaled as is (see <see cref="HistorySerializer"/>), so only simple types.
/// </summary>
/// <param name="Kind">One of <see cref="HistoryKinds"/>.</param>
/// <param name="Subject">The VRRP instance, or "VS REAL-SERVER", or the operator's target.</param>
/// <param name="From">The state before (MASTER, up, ...), or null.</param>
/// <param name="To">The state after, or the action (drain, weight 5, undrain).</param>
/// <param name="Detail">Priority, weight, virtual servers concerned.</param>
public sealed record HistoryEntry(DateTimeOffset At, string Kind, string Subject, string? From, string? To, string? Detail);

public static class HistoryKinds
{
    public const string Vrrp = "vrrp";
    public const string RealServer = "real-server";
    public const string Operator = "operator";
}

/// <summary>Published on the event stream by the keeper of overrides once an operator's action is applied and stored.</summary>
public sealed record OperatorActed(string Action, string RealServer, IReadOnlyList<string> VirtualServers, DateTimeOffset At);
