using System.Diagnostics;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;

namespace Director.Native.Nftables;

/// <summary>
/// The nftables data plane through libnftables, on one dedicated thread with one context. Each
/// <see cref="ApplyAsync"/> is one atomic transaction over the touched services only; the
/// daemon's tables are read back at start, never flushed.
/// </summary>
public sealed class NftablesBackend : IForwardingBackend, IRebalancingBackend, IDisposable
{
    private readonly NftOptions _options;
    private readonly NamespaceThread _thread;
    private NftContext? _context;
    private DesiredTable _current = DesiredTable.Empty;
    private ServiceIds _ids = ServiceIds.Empty;

    // Shared dispatch chains created by this process; unknown ones (after a restart) are simply
    // re-created, which is idempotent.
    private readonly HashSet<string> _dispatchChains = new();
    private bool _disposed;

    /// <param name="networkNamespace">A name under /run/netns to act in; null: the daemon's own.</param>
    public NftablesBackend(NftOptions options, string? networkNamespace = null)
    {
        _options = options;
        _thread = new NamespaceThread("nftables", networkNamespace);
        _thread.InvokeAsync(() => _context = new NftContext(), CancellationToken.None).GetAwaiter().GetResult();
    }

    public string Name => "nftables";

    /// <summary>What this backend last installed (or read back).</summary>
    public DesiredTable Current => _current;

    /// <summary>Time spent inside libnftables by the last apply (render excluded).</summary>
    public TimeSpan LastKernelTime { get; private set; }

    /// <summary>Time spent rendering the commands of the last apply.</summary>
    public TimeSpan LastRenderTime { get; private set; }

    public Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken) =>
        _thread.InvokeAsync(() =>
        {
            var touched = NftRulesetBuilder.Touched(changes);
            var connectionAware = touched.Any(k => target.Find(k)?.Scheduler.IsConnectionAware == true);
            Apply(touched, target, connectionAware ? ConntrackCounts.Parse(ReadConntrack()).For : null);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Re-slots the connection-aware services (lc, wlc, sed, nq) from live conntrack counts. Call
    /// it at a fixed interval (the host uses 1 s); between calls those services behave as weighted
    /// round robin over the last computed slots.
    /// </summary>
    public Task RebalanceAsync(CancellationToken cancellationToken) =>
        _thread.InvokeAsync(() =>
        {
            var keys = _current.Services.Values.Where(s => s.Scheduler.IsConnectionAware && s.Destinations.Count > 1).Select(s => s.Key).ToArray();
            if (keys.Length == 0) return false;
            var counts = ConntrackCounts.Parse(ReadConntrack());
            Apply(keys, _current, counts.For);
            return true;
        }, cancellationToken);

    public Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken) =>
        _thread.InvokeAsync(ReadBack, cancellationToken);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _thread.InvokeAsync(() =>
        {
            _context?.Dispose();
            return true;
        }, CancellationToken.None).Wait(TimeSpan.FromSeconds(5));
        _thread.Dispose();
    }

    private void Apply(IEnumerable<VirtualServiceKey> touched, DesiredTable target, Func<VirtualServiceKey, DestinationKey, int>? connections)
    {
        var render = Stopwatch.StartNew();
        var ids = _ids.Assign(target);
        var created = new List<string>();
        var commands = NftRulesetBuilder.Batch(_current, target, touched, ids, _options, connections, _dispatchChains, created);
        LastRenderTime = render.Elapsed;
        if (commands.Length == 0) return;
        var watch = Stopwatch.StartNew();
        _context!.Run(commands);
        LastKernelTime = watch.Elapsed;
        _dispatchChains.UnionWith(created);
        _current = target;
        _ids = ids.Retain(target);
    }

    private DesiredTable? ReadBack()
    {
        var services = new List<VirtualService>();
        var ids = new Dictionary<VirtualServiceKey, int>();
        var found = false;
        foreach (var family in new[] { "ip", "ip6" })
        {
            string registry, dests;
            try
            {
                registry = _context!.Run($"list set {family} {NftRulesetBuilder.TableName} registry", json: true);
                dests = _context.Run($"list set {family} {NftRulesetBuilder.TableName} dests", json: true);
            }
            catch (NftCommandException)
            {
                continue;
            }

            found = true;
            var (s, i) = NftReadBack.Parse(registry, dests);
            services.AddRange(s);
            foreach (var kv in i) ids[kv.Key] = kv.Value;
        }

        if (!found) return null;
        _current = new DesiredTable(services);
        _ids = NftReadBack.ToIds(ids);
        return _current;
    }

    /// <summary>/proc/thread-self: /proc/net follows the main thread's namespace, not this thread's.</summary>
    private static string ReadConntrack()
    {
        try
        {
            return File.ReadAllText("/proc/thread-self/net/nf_conntrack");
        }
        catch (IOException)
        {
            return "";
        }
    }
}
