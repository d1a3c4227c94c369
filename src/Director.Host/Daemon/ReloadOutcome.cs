namespace Director.Host.Daemon;

/// <summary>What a reload did: applied (with the changes, possibly none) or refused (with the errors, file:line first).</summary>
public sealed record ReloadOutcome(bool Ok, IReadOnlyList<string> Changes, IReadOnlyList<string> Errors, double ElapsedMs);
