using System.Net;
using Director.Core.Balancing;
using Director.Core.Config.Model;
using Director.Native;
using Director.Native.Netlink;

namespace Director.Host.Daemon;

/// <summary>Asks this namespace's kernel (rtnetlink) what <see cref="DrDeviceChoice"/> needs: who holds an address, where a route leads.</summary>
public static class KernelDrDevices
{
    public static DrDeviceChoice Resolve(KeepalivedConfig config, string? ingressOverride, string? egressOverride)
    {
        var table = DesiredTableBuilder.AllUp(config);
        if (!table.Services.Values.Any(s => s.Destinations.Any(d => d.Method == ForwardingMethod.DirectRoute)))
            return new DrDeviceChoice(null, null, [], []);
        using var rtnl = RtnetlinkClient.Open();
        var names = rtnl.ListLinks().ToDictionary(l => l.Index, l => l.Name);
        var addresses = rtnl.ListAddresses();
        string? NameOf(int? index) => index is { } i && names.TryGetValue(i, out var name) ? name : null;

        string? Holder(IPAddress address) => NameOf(addresses.FirstOrDefault(a => a.Address.Equals(address))?.InterfaceIndex);

        string? Route(IPAddress address)
        {
            try
            {
                return NameOf(rtnl.RouteTo(address).OutputInterfaceIndex);
            }
            catch (KernelCallException)
            {
                return null;
            }
        }

        return DrDeviceChoice.Resolve(config, table, ingressOverride, egressOverride, Holder, Route);
    }
}
