using Director.Core.Balancing;
using E = Director.Native.Ipvs.GenericNetlinkException;

namespace Director.Native.Ipvs;

/// <summary>
/// The IPVS data plane: each <see cref="TableChange"/> becomes one IPVS command, applied in order.
/// IPVS has no transactions; a change is atomic on its own. Adding what already exists edits it and
/// removing what is already gone is not an error, so applying after a restart converges.
/// Active connections are read from IPVS's own counters through a second channel (its own socket
/// when opened with <see cref="Open"/>): a status read then never waits behind, nor interleaves its
/// dump with, a forwarding change on the command socket. Sharing one channel is allowed (tests);
/// then a lock serializes reads with commands.
/// </summary>
public sealed class IpvsBackend : IForwardingBackend, IActiveConnectionSource, IDisposable
{
    private readonly IpvsClient _client;
    private readonly IpvsClient _reads;
    private readonly IDisposable[] _owned;
    private readonly object _commandGate = new();
    private readonly object _readGate;

    public IpvsBackend(IpvsClient client, IDisposable? owned = null)
        : this(client, client, owned is null ? [] : [owned])
    {
    }

    /// <param name="client">Carries every command and the table read-back (one caller at a time: native-io).</param>
    /// <param name="connectionReads">Carries the active-connection dumps (any thread; serialized among themselves).</param>
    public IpvsBackend(IpvsClient client, IpvsClient connectionReads, params IDisposable[] owned)
    {
        _client = client;
        _reads = connectionReads;
        _owned = owned;
        _readGate = ReferenceEquals(client, connectionReads) ? _commandGate : new object();
    }

    public string Name => "ipvs";

    /// <summary>
    /// Opens two generic netlink sockets (commands, connection reads) and resolves "IPVS";
    /// <see cref="NotSupportedException"/> when the kernel lacks it.
    /// </summary>
    public static IpvsBackend Open()
    {
        var commands = GenericNetlinkSocket.Open();
        GenericNetlinkSocket? reads = null;
        try
        {
            var id = commands.ResolveFamily(IpvsNumbers.FamilyName)
                ?? throw new NotSupportedException("this kernel has no IPVS (generic netlink family IPVS does not resolve)");
            reads = GenericNetlinkSocket.Open();
            return new IpvsBackend(new IpvsClient(commands, id), new IpvsClient(reads, id), commands, reads);
        }
        catch
        {
            reads?.Dispose();
            commands.Dispose();
            throw;
        }
    }

    /// <summary>
    /// keepalived's checker start, in its order: <c>lvs_timeouts</c> (when any is set; 0 leaves
    /// that one unchanged), then <c>lvs_flush</c> (the whole table, services of other tools included).
    /// Called before native-io applies anything.
    /// </summary>
    public void ApplyStartSettings(IpvsTimeouts? timeouts, bool flush)
    {
        lock (_commandGate)
        {
            if (timeouts is { } t && (t.Tcp | t.TcpFin | t.Udp) != 0) _client.SetTimeouts(t);
            if (flush) _client.Flush();
        }
    }

    /// <summary>Empties the whole IPVS table, others' services included (lvs_flush_onstop at stop).</summary>
    public void Flush()
    {
        lock (_commandGate) _client.Flush();
    }

    public Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_commandGate) Apply(change);
        }

        return Task.CompletedTask;
    }

    public Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken)
    {
        var services = new List<VirtualService>();
        lock (_commandGate)
        {
            foreach (var entry in _client.ListServices())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var destinations = _client.ListDestinations(entry.Service.Key).Select(d => d.Destination);
                services.Add(IpvsTableMapping.FromIpvs(entry.Service, destinations));
            }
        }

        return Task.FromResult(services.Count == 0 ? null : new DesiredTable(services));
    }

    /// <summary>
    /// IPVS_DEST_ATTR_ACTIVE_CONNS and _INACT_CONNS (ipvsadm's ActiveConn, InActConn) of every destination: one services dump,
    /// then one destinations dump per service. A service removed between the two is skipped.
    /// </summary>
    public Task<ActiveConnectionCounts> ReadActiveConnectionsAsync(CancellationToken cancellationToken)
    {
        var counts = new List<ActiveConnectionCount>();
        lock (_readGate)
        {
            foreach (var entry in _reads.ListServices())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var service = IpvsTableMapping.FromIpvs(entry.Service.Key);
                foreach (var d in DestinationsOf(entry.Service.Key))
                    counts.Add(new ActiveConnectionCount(service, new DestinationKey(d.Destination.Address, d.Destination.Port), d.ActiveConnections, d.InactiveConnections));
            }
        }

        return Task.FromResult(new ActiveConnectionCounts(Name, counts));
    }

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }

    private IReadOnlyList<IpvsDestinationEntry> DestinationsOf(IpvsServiceKey service)
    {
        try
        {
            return _reads.ListDestinations(service);
        }
        catch (E e) when (e.Errno is E.Esrch or E.Enoent)
        {
            return [];
        }
    }

    private void Apply(TableChange change)
    {
        switch (change)
        {
            case AddService add:
                var service = IpvsTableMapping.ToIpvs(add.Service);
                OnExisting(() => _client.AddService(service), () => _client.EditService(service));
                break;
            case EditService edit:
                _client.EditService(IpvsTableMapping.ToIpvs(edit.New));
                break;
            case RemoveService remove:
                IgnoringAbsent(() => _client.DeleteService(IpvsTableMapping.ToIpvs(remove.Key)));
                break;
            case AddDestination add:
                var key = IpvsTableMapping.ToIpvs(add.Service);
                var destination = IpvsTableMapping.ToIpvs(add.Destination);
                OnExisting(() => _client.AddDestination(key, destination), () => _client.EditDestination(key, destination));
                break;
            case EditDestination edit:
                _client.EditDestination(IpvsTableMapping.ToIpvs(edit.Service), IpvsTableMapping.ToIpvs(edit.New));
                break;
            case RemoveDestination remove:
                IgnoringAbsent(() => _client.DeleteDestination(
                    IpvsTableMapping.ToIpvs(remove.Service), remove.Destination.Address, checked((ushort)remove.Destination.Port)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "unknown table change");
        }
    }

    private static void OnExisting(Action add, Action edit)
    {
        try
        {
            add();
        }
        catch (E e) when (e.Errno == E.Eexist)
        {
            edit();
        }
    }

    private static void IgnoringAbsent(Action remove)
    {
        try
        {
            remove();
        }
        catch (E e) when (e.Errno is E.Esrch or E.Enoent)
        {
            // already gone: the table converges all the same
        }
    }
}
