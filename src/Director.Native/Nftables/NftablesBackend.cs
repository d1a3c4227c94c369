using System.Diagnostics;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;

namespace Director.Native.Nftables;

/// <summary>
/// The nftables data plane through libnftables, on one dedicated thread with one context. Each
/// <see cref="ApplyAsync"/> is one atomic transaction over the touched services only; the
/// daemon's tables are read back at start, never flushed. A table read back in another layout
/// (see <see cref="NftLayout"/>) is reported in <see cref="Outdated"/> and replaced whole, in the
/// same transaction, by the next apply. Changes <see cref="NftFastChange"/> can express (real servers
/// of existing per-service rr/wrr/lc services) skip libnftables and go to the kernel as one netlink
/// batch (<see cref="NftNetlinkChannel"/>).
/// </summary>
public sealed class NftablesBackend : IForwardingBackend, IRebalancingBackend, ILayoutCheckingBackend, IRestorableBackend, IDisposable
{
    private readonly NftOptions _options;
    private readonly NftSession _session;
    private DesiredTable _current = DesiredTable.Empty;
    private ServiceIds _ids = ServiceIds.Empty;
    private IReadOnlyList<OutdatedForwardingTable> _outdated = [];
    private NftNetlinkChannel? _netlink;

    // Shared dispatch chains created by this process; unknown ones (after a restart) are simply
    // re-created, which is idempotent.
    private readonly HashSet<string> _dispatchChains = new();

    /// <param name="networkNamespace">A name under /run/netns to act in; null: the daemon's own.</param>
    public NftablesBackend(NftOptions options, string? networkNamespace = null)
    {
        _options = options;
        _session = new NftSession("nftables", networkNamespace);
        // Opened now: a host without libnftables fails here, where the caller picks a backend.
        _session.InvokeAsync(_ => true, CancellationToken.None).GetAwaiter().GetResult();
    }

    public string Name => "nftables";

    /// <summary>What this backend last installed (or read back).</summary>
    public DesiredTable Current => _current;

    /// <summary>Tables the last read-back found in another layout, until an apply replaces them.</summary>
    public IReadOnlyList<OutdatedForwardingTable> Outdated => Volatile.Read(ref _outdated);

    /// <summary>Time spent inside libnftables by the last apply (render excluded).</summary>
    public TimeSpan LastKernelTime { get; private set; }

    /// <summary>Time spent rendering the commands of the last apply.</summary>
    public TimeSpan LastRenderTime { get; private set; }

    /// <summary>Whether the last apply went to the kernel as netlink messages (<see cref="NftFastChange"/>) rather than through libnftables.</summary>
    public bool LastWasDirect { get; private set; }

    public Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken) =>
        _session.InvokeAsync(context =>
        {
            var touched = NftRulesetBuilder.Touched(changes);
            // A replacement re-creates every service of the replaced families.
            var rendered = _outdated.Count > 0 ? touched.Concat(target.Services.Keys) : touched;
            var connectionAware = rendered.Any(k => target.Find(k)?.Scheduler.IsConnectionAware == true);
            Apply(context, touched, target, connectionAware ? ConntrackCounts.Parse(ReadConntrack()).For : null);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Re-slots the connection-aware services (lc, wlc, sed, nq) from live conntrack counts. Call
    /// it at a fixed interval (the host uses 1 s); between calls those services behave as weighted
    /// round robin over the last computed slots.
    /// </summary>
    public Task RebalanceAsync(CancellationToken cancellationToken) =>
        _session.InvokeAsync(context =>
        {
            var keys = _current.Services.Values.Where(s => s.Scheduler.IsConnectionAware && s.Destinations.Count > 1).Select(s => s.Key).ToArray();
            if (keys.Length == 0) return false;
            var counts = ConntrackCounts.Parse(ReadConntrack());
            Apply(context, keys, _current, counts.For);
            return true;
        }, cancellationToken);

    public Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken) =>
        _session.InvokeAsync(ReadBack, cancellationToken);

    public IReadOnlyList<NftTableRef> Tables { get; } =
        [new("ip", NftRulesetBuilder.TableName), new("ip6", NftRulesetBuilder.TableName), new("netdev", NftRulesetBuilder.DrTableName)];

    /// <summary>
    /// Reads the tables back (without taking the read-back as the new state) and re-installs
    /// <paramref name="target"/> in one transaction that replaces the tables of its families and
    /// of the families still present (as for a table in another layout), so whatever another
    /// process left in them goes too.
    /// </summary>
    public Task<ForwardingRepair> RestoreAsync(DesiredTable target, bool onlyIfDifferent, CancellationToken cancellationToken) =>
        _session.InvokeAsync(context =>
        {
            var present = NftReadBack.TableFamilies(context.Run("list tables", json: true), NftRulesetBuilder.TableName);
            var found = new Dictionary<VirtualServiceKey, VirtualService>();
            foreach (var family in NftFamilyName.All.Where(present.Contains))
            {
                if (ReadFamily(context, family).Read is { } read)
                    foreach (var service in read.Services) found[service.Key] = service;
            }

            var families = target.Services.Keys.Select(k => k.Family).ToHashSet();
            var missingTables = families.Select(NftFamilyName.Of).Where(f => !present.Contains(f)).Order(StringComparer.Ordinal)
                .Select(f => $"{f} {NftRulesetBuilder.TableName}").ToList();
            var missing = target.Ordered.Where(s => !found.ContainsKey(s.Key)).Select(s => s.Key).ToList();
            var changed = target.Ordered.Where(s => found.TryGetValue(s.Key, out var f) && !f.Equals(s)).Select(s => s.Key).ToList();
            var extra = found.Keys.Any(k => target.Find(k) is null);
            var differs = missingTables.Count > 0 || missing.Count > 0 || changed.Count > 0 || extra;
            families.UnionWith(present.Select(NftFamilyName.Parse));
            if ((onlyIfDifferent && !differs) || families.Count == 0) return new ForwardingRepair(missing, changed, missingTables, 0, false);
            var connectionAware = target.Services.Values.Any(s => s.Scheduler.IsConnectionAware);
            Apply(context, target.Services.Keys, target, connectionAware ? ConntrackCounts.Parse(ReadConntrack()).For : null, families);
            return new ForwardingRepair(missing, changed, missingTables, target.Services.Count, true);
        }, cancellationToken);

    public void Dispose()
    {
        _session.Dispose();
        _netlink?.Dispose();
    }

    /// <param name="replace">Families whose tables are replaced whole; null: those read back outdated.</param>
    private void Apply(NftContext context, IEnumerable<VirtualServiceKey> touched, DesiredTable target, Func<VirtualServiceKey, DestinationKey, int>? connections,
        IReadOnlySet<IpFamily>? replace = null)
    {
        var render = Stopwatch.StartNew();
        var ids = _ids.Assign(target);
        if (replace is null && _outdated.Count == 0 && NftFastChange.TryRender(_current, target, touched, ids, _options, connections) is { } ops)
        {
            LastRenderTime = render.Elapsed;
            var direct = Stopwatch.StartNew();
            (_netlink ??= new NftNetlinkChannel()).Commit(ops);
            LastKernelTime = direct.Elapsed;
            LastWasDirect = true;
            _current = target;
            _ids = ids.Retain(target);
            return;
        }

        LastWasDirect = false;
        var created = new List<string>();
        var replaced = (replace ?? _outdated.Select(o => NftFamilyName.Parse(o.Family))).ToHashSet();
        var commands = replaced.Count > 0
            ? NftRulesetBuilder.Replacing(replaced, _current, target, touched, ids, _options, connections, _dispatchChains, created)
            : NftRulesetBuilder.Batch(_current, target, touched, ids, _options, connections, _dispatchChains, created);
        LastRenderTime = render.Elapsed;
        if (commands.Length == 0) return;
        var watch = Stopwatch.StartNew();
        context.Run(commands);
        LastKernelTime = watch.Elapsed;
        if (replaced.Count > 0)
        {
            var prefixes = replaced.Select(f => NftFamilyName.Of(f) + "/").ToArray();
            _dispatchChains.RemoveWhere(c => prefixes.Any(p => c.StartsWith(p, StringComparison.Ordinal)));
            Volatile.Write(ref _outdated, _outdated.Where(o => !replaced.Contains(NftFamilyName.Parse(o.Family))).ToList());
        }

        _dispatchChains.UnionWith(created);
        _current = target;
        _ids = ids.Retain(target);
    }

    private DesiredTable? ReadBack(NftContext context)
    {
        var services = new List<VirtualService>();
        var ids = new Dictionary<VirtualServiceKey, int>();
        var outdated = new List<OutdatedForwardingTable>();
        var present = NftReadBack.TableFamilies(context.Run("list tables", json: true), NftRulesetBuilder.TableName);
        foreach (var family in NftFamilyName.All.Where(present.Contains))
        {
            var (read, problem) = ReadFamily(context, family);
            if (read is { } r)
            {
                services.AddRange(r.Services);
                foreach (var kv in r.Ids) ids[kv.Key] = kv.Value;
            }

            if (problem is not null) outdated.Add(problem);
        }

        Volatile.Write(ref _outdated, outdated);
        if (present.Count == 0) return null;
        _current = new DesiredTable(services);
        _ids = NftReadBack.ToIds(ids);
        return _current;
    }

    /// <summary>
    /// The services of one family's table (null when they cannot be read) and what makes the
    /// table outdated (null when it is in the current layout and readable). Services of an
    /// outdated table that could be read are kept: the replacement re-installs them.
    /// </summary>
    private ((List<VirtualService> Services, Dictionary<VirtualServiceKey, int> Ids)? Read, OutdatedForwardingTable? Problem) ReadFamily(NftContext context, string family)
    {
        var table = NftRulesetBuilder.TableName;
        string? marker;
        try
        {
            marker = NftLayout.FindMarker(context.Run($"list table {family} {table}", terse: true), family);
        }
        catch (NftCommandException e)
        {
            return (null, new OutdatedForwardingTable(family, table, null, $"the table cannot be listed ({e.Message})"));
        }

        var expected = NftLayout.MarkerFor(_options);
        string? reason = NftLayout.IsCurrent(marker, _options) ? null
            : marker is null ? $"no layout marker (expected \"{expected}\")"
            : $"another layout (expected \"{expected}\")";
        (List<VirtualService>, Dictionary<VirtualServiceKey, int>)? read = null;
        try
        {
            var registry = context.Run($"list set {family} {table} registry", json: true);
            var dests = context.Run($"list set {family} {table} dests", json: true);
            read = NftReadBack.TryParse(registry, dests);
            if (read is null) reason ??= "its registry or dests set cannot be parsed";
        }
        catch (NftCommandException e)
        {
            reason ??= $"its registry or dests set cannot be read ({e.Message})";
        }

        return (read, reason is null ? null : new OutdatedForwardingTable(family, table, marker, reason));
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
