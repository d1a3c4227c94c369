namespace Director.Core.Config.Model;

/// <summary>A whole keepalived.conf, bound and validated. Property names follow the keywords.</summary>
public sealed record KeepalivedConfig
{
    public GlobalDefs GlobalDefs { get; init; } = new();

    public EquatableList<TrackFile> TrackFile { get; init; } = EquatableList<TrackFile>.Empty;

    public EquatableList<VrrpScript> VrrpScript { get; init; } = EquatableList<VrrpScript>.Empty;

    public EquatableList<VrrpSyncGroup> VrrpSyncGroup { get; init; } = EquatableList<VrrpSyncGroup>.Empty;

    public EquatableList<VrrpInstance> VrrpInstance { get; init; } = EquatableList<VrrpInstance>.Empty;

    public EquatableList<VirtualServerGroup> VirtualServerGroup { get; init; } = EquatableList<VirtualServerGroup>.Empty;

    public EquatableList<VirtualServer> VirtualServer { get; init; } = EquatableList<VirtualServer>.Empty;
}
