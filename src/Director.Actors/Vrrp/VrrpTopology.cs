using Director.Actors.Scripts;
using Director.Actors.Sync;

namespace Director.Actors.Vrrp;

/// <summary>The VRRP side of a configuration, ready for actors: instances, sync groups, scripts.</summary>
public sealed record VrrpTopology(
    IReadOnlyList<VrrpInstanceSettings> Instances,
    IReadOnlyList<SyncGroupSettings> SyncGroups,
    IReadOnlyList<VrrpScriptSettings> Scripts,
    IReadOnlyList<string> Problems);
