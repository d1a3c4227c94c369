using Director.Actors.Balancing;

namespace Director.Actors.History;

/// <summary>
/// An operator's action as journaled by <see cref="OverridesActor"/>: simple types only, so that
/// what was written is read back whatever the code looks like then.
/// </summary>
/// <param name="VirtualServer">The virtual server actor's name, or null for every virtual server.</param>
/// <param name="RealServer">"IP" or "IP:PORT", as <see cref="RealServerSelector"/> reads it.</param>
/// <param name="Action">One of <see cref="Drain"/>, <see cref="Weight"/>, <see cref="Clear"/>.</param>
public sealed record OverrideRecorded(string? VirtualServer, string RealServer, string Action, int? WeightValue, DateTimeOffset At)
{
    public const string Drain = "drain";
    public const string Weight = "weight";
    public const string Clear = "undrain";

    public bool IsClear => Action == Clear;

    public static OverrideRecorded From(RealServerOverrideCommand command, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Override switch
        {
            DrainOverride => new OverrideRecorded(command.VirtualServer, command.RealServer.ToString(), Drain, null, at),
            WeightOverride w => new OverrideRecorded(command.VirtualServer, command.RealServer.ToString(), Weight, w.Weight, at),
            _ => new OverrideRecorded(command.VirtualServer, command.RealServer.ToString(), Clear, null, at),
        };
    }

    /// <summary>The command again, aimed at <paramref name="virtualServer"/> when given; null when unreadable.</summary>
    public RealServerOverrideCommand? ToCommand(string? virtualServer = null)
    {
        if (!RealServerSelector.TryParse(RealServer, out var selector) || selector is null) return null;
        RealServerOverride? change = Action switch
        {
            Drain => new DrainOverride(),
            Weight when WeightValue is { } w => new WeightOverride(w),
            Clear => new ClearOverride(),
            _ => null,
        };
        return change is null ? null : new RealServerOverrideCommand(virtualServer ?? VirtualServer, selector, change);
    }

    /// <summary>"drain", "weight 5", "undrain".</summary>
    public string Describe() => Action == Weight ? $"weight {WeightValue}" : Action;
}

/// <summary>What <see cref="OverridesActor"/> snapshots: the overrides still in force, in the order given.</summary>
public sealed record OverridesSnapshot(IReadOnlyList<OverrideRecorded> Entries);
