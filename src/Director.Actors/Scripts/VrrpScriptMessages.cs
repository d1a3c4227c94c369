using Akka.Actor;
using Director.Core.Scripts;

namespace Director.Actors.Scripts;

/// <summary>An instance actor subscribes to a script; it gets the current state at once if known, then each transition.</summary>
public sealed record SubscribeScript(IActorRef Subscriber);

public sealed record UnsubscribeScript(IActorRef Subscriber);

/// <summary>
/// The script's status changed (only sent on transitions). <see cref="WeightDelta"/> is what
/// keepalived adds to a tracking instance's priority for the script's own weight (0 for weight 0:
/// then <see cref="Ok"/> false means FAULT). Instances with their own weight for the script
/// recompute it with <see cref="TrackedScriptWeight"/>.
/// </summary>
public sealed record ScriptStateChanged(string Name, bool Ok, int WeightDelta);

/// <summary>Asks for the script's counter; answered with <see cref="ScriptStatusReport"/>.</summary>
public sealed record GetScriptStatus
{
    public static readonly GetScriptStatus Instance = new();
}

public sealed record ScriptStatusReport(string Name, ScriptStatus Status, int Result, long Runs, ScriptRunResult? LastRun);
