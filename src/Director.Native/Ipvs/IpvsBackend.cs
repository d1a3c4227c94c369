using Director.Core.Balancing;
using E = Director.Native.Ipvs.GenericNetlinkException;

namespace Director.Native.Ipvs;

/// <summary>
/// The IPVS data plane: each <see cref="TableChange"/> becomes one IPVS command, applied in order.
/// IPVS has no transactions; a change is atomic on its own. Adding what already exists edits it and
/// removing what is already gone is not an error, so applying after a restart converges.
/// </summary>
public sealed class IpvsBackend : IForwardingBackend, IDisposable
{
    private readonly IpvsClient _client;
    private readonly IDisposable? _owned;

    public IpvsBackend(IpvsClient client, IDisposable? owned = null)
    {
        _client = client;
        _owned = owned;
    }

    public string Name => "ipvs";

    /// <summary>Opens a generic netlink socket and resolves "IPVS"; <see cref="NotSupportedException"/> when the kernel lacks it.</summary>
    public static IpvsBackend Open()
    {
        var socket = GenericNetlinkSocket.Open();
        try
        {
            var id = socket.ResolveFamily(IpvsNumbers.FamilyName)
                ?? throw new NotSupportedException("this kernel has no IPVS (generic netlink family IPVS does not resolve)");
            return new IpvsBackend(new IpvsClient(socket, id), socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Apply(change);
        }

        return Task.CompletedTask;
    }

    public Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken)
    {
        var services = new List<VirtualService>();
        foreach (var entry in _client.ListServices())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destinations = _client.ListDestinations(entry.Service.Key).Select(d => d.Destination);
            services.Add(IpvsTableMapping.FromIpvs(entry.Service, destinations));
        }

        return Task.FromResult(services.Count == 0 ? null : new DesiredTable(services));
    }

    public void Dispose() => _owned?.Dispose();

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
