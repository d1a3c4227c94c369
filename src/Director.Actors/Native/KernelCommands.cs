using System.Net;
using System.Net.NetworkInformation;

namespace Director.Actors.Native;

/// <summary>A request to native-io. Each is carried out alone, in arrival order; the sender gets
/// <see cref="KernelWriteSucceeded"/> (or <see cref="KernelAddressesListed"/>) or <see cref="KernelWriteFailed"/>.</summary>
public abstract record KernelCommand
{
    /// <summary>A short name for logs and counters ("add-address", ...).</summary>
    public abstract string Kind { get; }
}

public sealed record AddAddress(VipAddressSpec Address) : KernelCommand
{
    public override string Kind => "add-address";
}

public sealed record DeleteAddress(VipAddressSpec Address) : KernelCommand
{
    public override string Kind => "delete-address";
}

/// <summary>A read, serialized with the writes so it sees every earlier write; answered with <see cref="KernelAddressesListed"/>.</summary>
public sealed record ListAddresses(string Interface) : KernelCommand
{
    public override string Kind => "list-addresses";
}

public sealed record AddRoute(RouteSpec Route) : KernelCommand
{
    public override string Kind => "add-route";
}

public sealed record DeleteRoute(RouteSpec Route) : KernelCommand
{
    public override string Kind => "delete-route";
}

public sealed record SendGratuitousArp(string Interface, IPAddress Address, PhysicalAddress? SourceMac = null) : KernelCommand
{
    public override string Kind => "gratuitous-arp";
}

public sealed record SendUnsolicitedNeighbourAdvert(string Interface, IPAddress Address) : KernelCommand
{
    public override string Kind => "unsolicited-na";
}

public sealed record CreateVmac(VmacSpec Vmac) : KernelCommand
{
    public override string Kind => "create-vmac";
}

public sealed record DeleteVmac(string Name) : KernelCommand
{
    public override string Kind => "delete-vmac";
}
