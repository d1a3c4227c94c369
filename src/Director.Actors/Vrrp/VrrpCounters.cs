using Director.Core.Vrrp;

namespace Director.Actors.Vrrp;

/// <summary>Adverts sent and received and drops by reason, for one instance.</summary>
public sealed class VrrpCounters
{
    private readonly Dictionary<VrrpDropReason, long> _drops = [];

    public long Sent { get; private set; }

    public long Received { get; private set; }

    public int Transitions { get; private set; }

    public void CountSent() => Sent++;

    public void CountReceived() => Received++;

    public void CountTransition() => Transitions++;

    public void CountDrop(VrrpDropReason reason) => _drops[reason] = _drops.GetValueOrDefault(reason) + 1;

    public IReadOnlyDictionary<VrrpDropReason, long> Drops => new Dictionary<VrrpDropReason, long>(_drops);
}
