using Director.Core.Vrrp;

namespace Director.Actors.Vrrp;

/// <summary>
/// Adverts sent and received, drops by reason and transitions of one instance, since the daemon
/// started: the instance's Props hand the same counters to every incarnation of the actor.
/// </summary>
public sealed class VrrpCounters
{
    private readonly Dictionary<VrrpDropReason, long> _drops = [];

    public long Sent { get; private set; }

    public long Received { get; private set; }

    public int Transitions { get; private set; }

    public long BecameMaster { get; private set; }

    public long ReleasedMaster { get; private set; }

    public void CountSent() => Sent++;

    public void CountReceived() => Received++;

    public void CountTransition(VrrpState from, VrrpState to)
    {
        Transitions++;
        if (to == VrrpState.Master && from != VrrpState.Master) BecameMaster++;
        else if (from == VrrpState.Master && to != VrrpState.Master) ReleasedMaster++;
    }

    public void CountDrop(VrrpDropReason reason) => _drops[reason] = _drops.GetValueOrDefault(reason) + 1;

    public IReadOnlyDictionary<VrrpDropReason, long> Drops => new Dictionary<VrrpDropReason, long>(_drops);
}
