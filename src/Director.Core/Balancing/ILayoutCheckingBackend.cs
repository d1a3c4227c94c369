namespace Director.Core.Balancing;

/// <summary>
/// A data plane whose tables carry a layout version (nftables). Backends have no logger: the
/// caller of <see cref="IForwardingBackend.ReadBackAsync"/> reads <see cref="Outdated"/> after it
/// and logs what was found.
/// </summary>
public interface ILayoutCheckingBackend
{
    /// <summary>The tables the last read-back found outdated and no apply has replaced yet.</summary>
    IReadOnlyList<OutdatedForwardingTable> Outdated { get; }
}
