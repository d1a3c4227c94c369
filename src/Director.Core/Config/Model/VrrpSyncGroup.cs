namespace Director.Core.Config.Model;

/// <summary>A <c>vrrp_sync_group NAME</c>: instances that change state together.</summary>
public sealed record VrrpSyncGroup
{
    public string Name { get; init; } = "";

    public EquatableList<string> Group { get; init; } = EquatableList<string>.Empty;

    public string? Notify { get; init; }

    public string? NotifyMaster { get; init; }

    public string? NotifyBackup { get; init; }

    public string? NotifyFault { get; init; }

    public string? NotifyStop { get; init; }

    public bool SmtpAlert { get; init; }
}
