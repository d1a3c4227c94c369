namespace Director.Core.Balancing.Policy;

/// <summary>Something the virtual server actor does besides changing the table.</summary>
public abstract record PolicyEffect;

/// <summary>Run a notify script (notify_up / notify_down of a real server, quorum_up / quorum_down).</summary>
public sealed record RunNotifyScript(string CommandLine, string Reason) : PolicyEffect;

/// <summary>A line for the log, as keepalived writes it.</summary>
public sealed record PolicyLog(string Message) : PolicyEffect;
