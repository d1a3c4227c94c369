namespace Director.Core.Balancing;

/// <summary>
/// A kernel forwarding data plane (nftables, IPVS). Written only by the native-I/O actor: calls
/// are never concurrent.
/// </summary>
public interface IForwardingBackend
{
    /// <summary>"nftables" or "ipvs"; logged at start and shown in the state dump.</summary>
    string Name { get; }

    /// <summary>
    /// Applies <paramref name="changes"/> (from <see cref="TableDiff.Between"/>) so that the kernel
    /// holds <paramref name="target"/>. A backend may rewrite more than the changes name (nftables
    /// rewrites each touched service atomically) but never anything outside its own objects.
    /// Throws <see cref="NotSupportedException"/> for what this kernel cannot do (e.g. TUN without IPIP).
    /// </summary>
    Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken);

    /// <summary>What the kernel holds now, or null when the backend has nothing installed.</summary>
    Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken);
}
