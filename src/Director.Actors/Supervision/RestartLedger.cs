namespace Director.Actors.Supervision;

/// <summary>
/// Per-child failure history for a supervisor: counts restarts and decides, from the failures in
/// the policy's window, whether the next one is still restarted. Pure: time comes in.
/// </summary>
public sealed class RestartLedger(RestartPolicy policy)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _restarts = new(StringComparer.Ordinal);

    public RestartPolicy Policy { get; } = policy;

    /// <summary>Records a failure of <paramref name="child"/> at <paramref name="now"/>; true when it may restart.</summary>
    public bool RecordFailure(string child, DateTimeOffset now)
    {
        if (!_recent.TryGetValue(child, out var times))
            _recent[child] = times = new Queue<DateTimeOffset>();
        times.Enqueue(now);
        while (times.Count > 0 && now - times.Peek() > Policy.Window)
            times.Dequeue();
        if (times.Count > Policy.MaxRestarts)
            return false;
        _restarts[child] = Restarts(child) + 1;
        return true;
    }

    /// <summary>Restarts of <paramref name="child"/> since this supervisor started.</summary>
    public int Restarts(string child) => _restarts.GetValueOrDefault(child);

    /// <summary>Failures of <paramref name="child"/> still inside the window.</summary>
    public int RecentFailures(string child) => _recent.TryGetValue(child, out var q) ? q.Count : 0;

    /// <summary>Forgets a child's recent failures (it was started afresh).</summary>
    public void Reset(string child) => _recent.Remove(child);
}
