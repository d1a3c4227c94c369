using Director.Actors.Scripts;
using Director.Core.Scripts;
using Director.Core.Vrrp.Sync;

namespace Director.Actors.Sync;

/// <summary>
/// A <c>vrrp_sync_group</c> block: its members and its notify scripts. notify_master / _backup /
/// _fault run as configured; the generic <c>notify</c> gets <c>GROUP name STATE 0</c> appended.
/// </summary>
public sealed record SyncGroupSettings(
    string Name,
    IReadOnlyList<string> Members,
    ScriptCommandLine? NotifyMaster = null,
    ScriptCommandLine? NotifyBackup = null,
    ScriptCommandLine? NotifyFault = null,
    ScriptCommandLine? Notify = null,
    ScriptUser? RunAs = null,
    TimeSpan? NotifyTimeout = null)
{
    public IEnumerable<ScriptInvocation> NotifyInvocations(SyncGroupTransition transition)
    {
        var timeout = NotifyTimeout ?? TimeSpan.FromSeconds(30);
        var specific = transition.To switch
        {
            SyncGroupState.Master => NotifyMaster,
            SyncGroupState.Backup => NotifyBackup,
            SyncGroupState.Fault => NotifyFault,
            _ => null,
        };
        if (specific is not null)
            yield return new ScriptInvocation(specific, timeout, RunAs);
        if (Notify is not null)
            yield return new ScriptInvocation(Notify with { Arguments = [.. Notify.Arguments, .. transition.NotifyArguments] }, timeout, RunAs);
    }
}
