namespace Director.Core.Scripts;

/// <summary>What a tracked script currently says. <see cref="Unknown"/> only before its first result.</summary>
public enum ScriptStatus
{
    Unknown,
    Ok,
    Failed,
}
