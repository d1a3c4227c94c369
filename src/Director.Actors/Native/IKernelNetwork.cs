using System.Net;
using System.Net.NetworkInformation;

namespace Director.Actors.Native;

/// <summary>
/// The narrow port through which <see cref="NativeIoActor"/> writes the kernel's network state.
/// Implementations fail by throwing <see cref="KernelException"/> carrying the errno; they do not
/// decide what is benign (the actor does, as keepalived does).
/// </summary>
public interface IKernelNetwork
{
    Task AddAddressAsync(VipAddressSpec address, CancellationToken cancellationToken);

    Task DeleteAddressAsync(VipAddressSpec address, CancellationToken cancellationToken);

    Task<IReadOnlyList<KernelInterfaceAddress>> ListAddressesAsync(string interfaceName, CancellationToken cancellationToken);

    Task AddRouteAsync(RouteSpec route, CancellationToken cancellationToken);

    Task DeleteRouteAsync(RouteSpec route, CancellationToken cancellationToken);

    /// <summary>Broadcasts one gratuitous ARP for <paramref name="address"/>; <paramref name="sourceMac"/> null means the interface's own.</summary>
    Task SendGratuitousArpAsync(string interfaceName, IPAddress address, PhysicalAddress? sourceMac, CancellationToken cancellationToken);

    /// <summary>Sends one unsolicited neighbour advertisement for an IPv6 <paramref name="address"/>.</summary>
    Task SendUnsolicitedNeighbourAdvertAsync(string interfaceName, IPAddress address, CancellationToken cancellationToken);

    Task CreateVmacAsync(VmacSpec vmac, CancellationToken cancellationToken);

    Task DeleteVmacAsync(string name, CancellationToken cancellationToken);
}
