using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using Director.Actors.Native;

namespace Director.Actors.Tests.Fakes;

/// <summary>
/// An in-memory kernel: addresses per interface, routes, vmacs, and the ARP/NA packets "sent".
/// Fails like the kernel does (EEXIST, EADDRNOTAVAIL, ESRCH, ENODEV) and can be told to fail or
/// stall the next calls. Records the order and concurrency of calls.
/// </summary>
public sealed class FakeKernelNetwork : IKernelNetwork
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<KernelInterfaceAddress>> _addresses = new(StringComparer.Ordinal);
    private readonly HashSet<RouteSpec> _routes = [];
    private readonly HashSet<string> _vmacs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Func<CancellationToken, Task>> _nextBehaviours = new();
    private int _inFlight;

    public ConcurrentQueue<string> Calls { get; } = new();
    public ConcurrentQueue<(string Interface, IPAddress Address)> SentArps { get; } = new();
    public ConcurrentQueue<(string Interface, IPAddress Address)> SentNeighbourAdverts { get; } = new();
    public int MaxConcurrency { get; private set; }
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>The next call throws this errno instead of acting.</summary>
    public void FailNext(int errno) => _nextBehaviours.Enqueue(_ => throw new KernelException(errno, $"injected errno {errno}"));

    /// <summary>The next call waits until cancelled.</summary>
    public void HangNext() => _nextBehaviours.Enqueue(ct => Task.Delay(Timeout.Infinite, ct));

    public IReadOnlyList<KernelInterfaceAddress> AddressesOn(string interfaceName)
    {
        lock (_gate)
            return _addresses.TryGetValue(interfaceName, out var l) ? l.ToArray() : [];
    }

    public bool HasRoute(RouteSpec route)
    {
        lock (_gate)
            return _routes.Contains(route);
    }

    public bool HasVmac(string name)
    {
        lock (_gate)
            return _vmacs.Contains(name);
    }

    public Task AddAddressAsync(VipAddressSpec address, CancellationToken ct) => Act($"add {address}", ct, () =>
    {
        var list = ListFor(address.Interface);
        if (list.Any(a => a.Address.Equals(address.Address) && a.PrefixLength == address.PrefixLength))
            throw new KernelException(Errno.EEXIST, "File exists");
        list.Add(new KernelInterfaceAddress(address.Interface, address.Address, address.PrefixLength, address.Label));
    });

    public Task DeleteAddressAsync(VipAddressSpec address, CancellationToken ct) => Act($"del {address}", ct, () =>
    {
        if (ListFor(address.Interface).RemoveAll(a => a.Address.Equals(address.Address)) == 0)
            throw new KernelException(Errno.EADDRNOTAVAIL, "Cannot assign requested address");
    });

    public async Task<IReadOnlyList<KernelInterfaceAddress>> ListAddressesAsync(string interfaceName, CancellationToken ct)
    {
        IReadOnlyList<KernelInterfaceAddress> result = [];
        await Act($"list {interfaceName}", ct, () => result = ListFor(interfaceName).ToArray()).ConfigureAwait(false);
        return result;
    }

    public Task AddRouteAsync(RouteSpec route, CancellationToken ct) => Act($"add route {route}", ct, () =>
    {
        if (!_routes.Add(route))
            throw new KernelException(Errno.EEXIST, "File exists");
    });

    public Task DeleteRouteAsync(RouteSpec route, CancellationToken ct) => Act($"del route {route}", ct, () =>
    {
        if (!_routes.Remove(route))
            throw new KernelException(Errno.ESRCH, "No such process");
    });

    public Task SendGratuitousArpAsync(string interfaceName, IPAddress address, PhysicalAddress? sourceMac, CancellationToken ct) =>
        Act($"garp {interfaceName} {address}", ct, () => SentArps.Enqueue((interfaceName, address)));

    public Task SendUnsolicitedNeighbourAdvertAsync(string interfaceName, IPAddress address, CancellationToken ct) =>
        Act($"na {interfaceName} {address}", ct, () => SentNeighbourAdverts.Enqueue((interfaceName, address)));

    public Task CreateVmacAsync(VmacSpec vmac, CancellationToken ct) => Act($"add vmac {vmac.Name}", ct, () =>
    {
        if (!_vmacs.Add(vmac.Name))
            throw new KernelException(Errno.EEXIST, "File exists");
    });

    public Task DeleteVmacAsync(string name, CancellationToken ct) => Act($"del vmac {name}", ct, () =>
    {
        if (!_vmacs.Remove(name))
            throw new KernelException(Errno.ENODEV, "No such device");
    });

    private List<KernelInterfaceAddress> ListFor(string interfaceName)
    {
        if (!_addresses.TryGetValue(interfaceName, out var list))
            _addresses[interfaceName] = list = [];
        return list;
    }

    private async Task Act(string call, CancellationToken ct, Action change)
    {
        var now = Interlocked.Increment(ref _inFlight);
        lock (_gate)
            MaxConcurrency = Math.Max(MaxConcurrency, now);
        try
        {
            Calls.Enqueue(call);
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay, ct).ConfigureAwait(false);
            if (_nextBehaviours.TryDequeue(out var behaviour))
                await behaviour(ct).ConfigureAwait(false);
            lock (_gate)
                change();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
