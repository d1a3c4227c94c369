using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Director.Native;
using Director.Native.Netlink;
using Director.Native.Sockets;
using NativeRoute = Director.Native.Netlink.RouteSpec;
using NativeScope = Director.Native.Netlink.AddressScope;

namespace Director.Actors.Native;

/// <summary>
/// <see cref="IKernelNetwork"/> on the real kernel: rtnetlink for addresses, routes and links,
/// packet sockets for gratuitous ARP and unsolicited NA. Used only by native-io, one call at a time.
/// </summary>
public sealed class RtnetlinkKernelNetwork : IKernelNetwork, IDisposable
{
    private readonly RtnetlinkClient _rtnl;
    private readonly string? _netns;
    private readonly Dictionary<string, NeighbourAnnouncer> _announcers = new(StringComparer.Ordinal);

    public RtnetlinkKernelNetwork(string? netns = null)
    {
        _netns = netns;
        _rtnl = RtnetlinkClient.Open(netns);
    }

    public Task AddAddressAsync(VipAddressSpec address, CancellationToken cancellationToken) =>
        Run(() => _rtnl.AddAddress(ToNative(address)));

    public Task DeleteAddressAsync(VipAddressSpec address, CancellationToken cancellationToken) =>
        Run(() => _rtnl.DeleteAddress(ToNative(address)));

    public Task<IReadOnlyList<KernelInterfaceAddress>> ListAddressesAsync(string interfaceName, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<KernelInterfaceAddress>>(() =>
        {
            var link = Link(interfaceName);
            return _rtnl.ListAddresses(link.Index)
                .Select(a => new KernelInterfaceAddress(interfaceName, a.Address, a.PrefixLength, a.Label))
                .ToList();
        });

    public Task AddRouteAsync(RouteSpec route, CancellationToken cancellationToken) =>
        Run(() => _rtnl.AddRoute(ToNative(route)));

    public Task DeleteRouteAsync(RouteSpec route, CancellationToken cancellationToken) =>
        Run(() => _rtnl.DeleteRoute(ToNative(route)));

    public Task SendGratuitousArpAsync(string interfaceName, IPAddress address, PhysicalAddress? sourceMac, CancellationToken cancellationToken) =>
        Run(() => Announcer(interfaceName).SendGratuitousArp(address, sourceMac ?? Mac(interfaceName)));

    public Task SendUnsolicitedNeighbourAdvertAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken) =>
        Run(() => Announcer(interfaceName).SendUnsolicitedNeighbourAdvertisement(address, Mac(interfaceName), address));

    public Task CreateVmacAsync(VmacSpec vmac, CancellationToken cancellationToken) =>
        Run(() =>
        {
            var link = _rtnl.CreateMacvlan(new MacvlanSpec(vmac.Name, Link(vmac.BaseInterface).Index, vmac.Mac));
            _rtnl.SetLinkUp(link.Index, true);
        });

    public Task DeleteVmacAsync(string name, CancellationToken cancellationToken) =>
        Run(() => _rtnl.DeleteLink(Link(name).Index));

    public void Dispose()
    {
        foreach (var announcer in _announcers.Values)
            announcer.Dispose();
        _rtnl.Dispose();
    }

    private LinkInfo Link(string name) =>
        _rtnl.FindLink(name) ?? throw new KernelException(19 /* ENODEV */, $"interface '{name}' does not exist");

    private PhysicalAddress Mac(string interfaceName) => Link(interfaceName).Mac ?? PhysicalAddress.None;

    private NeighbourAnnouncer Announcer(string interfaceName)
    {
        if (!_announcers.TryGetValue(interfaceName, out var announcer))
            _announcers[interfaceName] = announcer = NeighbourAnnouncer.Open(interfaceName, _netns);
        return announcer;
    }

    private InterfaceAddress ToNative(VipAddressSpec spec) =>
        new(Link(spec.Interface).Index, spec.Address, (byte)spec.PrefixLength)
        {
            Scope = (NativeScope)(byte)spec.Scope,
            Label = spec.Address.AddressFamily == AddressFamily.InterNetwork ? spec.Label : null,
            Broadcast = spec.Broadcast,
            Flags = spec.NoDad ? AddressFlags.NoDad : AddressFlags.None,
        };

    private NativeRoute ToNative(RouteSpec spec) =>
        new(spec.Destination, (byte)spec.PrefixLength)
        {
            Gateway = spec.Gateway,
            OutputInterfaceIndex = spec.Interface is { } name ? Link(name).Index : null,
            PreferredSource = spec.PreferredSource,
            Metric = spec.Metric is { } metric ? (uint)metric : null,
            Table = spec.Table is { } table ? (uint)table : Rtnl.RT_TABLE_MAIN,
            Scope = (NativeScope)(byte)spec.Scope,
        };

    private static Task Run(Action call) => Run(() => { call(); return true; });

    private static Task<T> Run<T>(Func<T> call)
    {
        try
        {
            return Task.FromResult(call());
        }
        catch (KernelCallException e)
        {
            return Task.FromException<T>(new KernelException(e.Errno, e.Message));
        }
    }
}
