namespace Director.Core.Balancing;

/// <summary>
/// A data plane held in tables of director's own that the kernel announces changes to (nftables):
/// when another process touched them, native-io re-installs the whole table through
/// <see cref="RestoreAsync"/>. Called only by native-io, never concurrently with other calls.
/// </summary>
public interface IRestorableBackend
{
    /// <summary>The tables this backend writes (and nothing else).</summary>
    IReadOnlyList<NftTableRef> Tables { get; }

    /// <summary>
    /// Reads the kernel's tables back and installs <paramref name="target"/> whole, replacing what
    /// is there in one transaction. With <paramref name="onlyIfDifferent"/>, nothing is written when
    /// the read-back already equals <paramref name="target"/> (used when it is not known that
    /// anything changed, e.g. after lost events).
    /// </summary>
    Task<ForwardingRepair> RestoreAsync(DesiredTable target, bool onlyIfDifferent, CancellationToken cancellationToken);
}
