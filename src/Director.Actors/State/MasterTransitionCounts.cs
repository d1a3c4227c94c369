using Director.Actors.Vrrp;
using Director.Core.Vrrp;

namespace Director.Actors.State;

/// <summary>Per instance: how often it became MASTER and left MASTER. Not thread-safe (the `state` actor owns it).</summary>
public sealed class MasterTransitionCounts
{
    private readonly Dictionary<string, (long Became, long Released)> _counts = new(StringComparer.Ordinal);

    public void Add(VrrpTransitioned transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var (became, released) = _counts.GetValueOrDefault(transition.Instance);
        if (transition.To == VrrpState.Master && transition.From != VrrpState.Master) became++;
        else if (transition.From == VrrpState.Master && transition.To != VrrpState.Master) released++;
        else return;
        _counts[transition.Instance] = (became, released);
    }

    public IReadOnlyDictionary<string, (long Became, long Released)> Snapshot() => new Dictionary<string, (long, long)>(_counts, StringComparer.Ordinal);
}
