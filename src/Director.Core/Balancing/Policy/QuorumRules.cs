using Director.Core.Config.Model;

namespace Director.Core.Balancing.Policy;

/// <summary>
/// The quorum keepalived works with: lowered to the real servers' total configured weight when
/// above it, and the hysteresis lowered to quorum - 1 when not below the quorum (as unsigned
/// arithmetic: a quorum of 0 makes it 4294967295, so such a virtual server starts with quorum down).
/// </summary>
public static class QuorumRules
{
    public static (long Quorum, long Hysteresis) Of(VirtualServer vs)
    {
        ArgumentNullException.ThrowIfNull(vs);
        var total = vs.RealServer.Sum(r => (long)r.Weight);
        var quorum = vs.RealServer.Count > 0 ? Math.Min(vs.Quorum, total) : vs.Quorum;
        var hysteresis = vs.Hysteresis >= quorum ? (quorum == 0 ? uint.MaxValue : quorum - 1) : vs.Hysteresis;
        return (quorum, hysteresis);
    }
}
