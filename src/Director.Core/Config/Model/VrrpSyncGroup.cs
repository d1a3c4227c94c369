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

    /// <summary>
    /// Keep the weights of tracked interfaces, scripts and files of member instances. Without it
    /// keepalived (and so director) ignores those weights: interfaces and files count as weight 0
    /// and weighted scripts are not tracked.
    /// </summary>
    public bool SyncGroupTrackingWeight { get; init; }
}
