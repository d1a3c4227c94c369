namespace Director.Core.Vrrp.Sync;

/// <summary>
/// One tracked script or interface as an instance sees it: its configured weight (and
/// <c>reverse</c>) and whether it is up. <paramref name="Known"/> false means no result yet (a
/// script before its first run): an unweighted one keeps the instance waiting (keepalived holds
/// it in INIT), a weighted one counts as down.
/// </summary>
public sealed record TrackedState(string Name, int Weight, bool Up, bool Reverse = false, bool Known = true);
