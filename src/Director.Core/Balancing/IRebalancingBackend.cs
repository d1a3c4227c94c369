namespace Director.Core.Balancing;

/// <summary>
/// A data plane whose connection-aware schedulers (lc, wlc, sed, nq) are approximated from live
/// connection counts and must be refreshed at a bounded interval (nftables). Called only by the
/// native-I/O actor, never concurrently with <see cref="IForwardingBackend.ApplyAsync"/>.
/// </summary>
public interface IRebalancingBackend
{
    /// <summary>Re-reads the live connection counts and re-slots the connection-aware services.</summary>
    Task RebalanceAsync(CancellationToken cancellationToken);
}
