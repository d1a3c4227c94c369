using System.Net;
using Director.Core.Config.Model;

namespace Director.Core.Balancing;

/// <summary>
/// The two devices the nftables DR data plane needs, derived as a keepalived operator expects
/// (IPVS needs no device: clients arrive where the VIP lives, real servers are reached by the
/// route to them). <see cref="Notes"/> say where each came from; <see cref="Warnings"/> name DR
/// services this choice cannot serve or devices that could not be found.
/// </summary>
public sealed record DrDeviceChoice(string? Ingress, string? Egress, IReadOnlyList<string> Notes, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Ingress of a DR service's VIP: the override, else the vrrp_instance carrying the VIP (its
    /// <c>dev</c>, else the instance's interface), else the device holding the VIP now, else the
    /// device of the route to the VIP. Egress: the override, else the device of the route to its
    /// real servers. One pair serves every DR service (one netdev chain); the most common wins.
    /// </summary>
    /// <param name="table">The configured table (every real server up), e.g. <see cref="DesiredTableBuilder.AllUp"/>.</param>
    /// <param name="addressHolder">The device holding an address now, or null.</param>
    /// <param name="routeDevice">The device of the kernel's route to an address, or null.</param>
    public static DrDeviceChoice Resolve(
        KeepalivedConfig config,
        DesiredTable table,
        string? ingressOverride,
        string? egressOverride,
        Func<IPAddress, string?> addressHolder,
        Func<IPAddress, string?> routeDevice)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(addressHolder);
        ArgumentNullException.ThrowIfNull(routeDevice);
        var services = table.Services.Values
            .Where(s => s.Destinations.Any(d => d.Method == ForwardingMethod.DirectRoute) && s.Key.Address is not null)
            .OrderBy(s => s.Key.ToString(), StringComparer.Ordinal)
            .ToList();
        if (services.Count == 0) return new DrDeviceChoice(null, null, [], []);

        var notes = new List<string>();
        var warnings = new List<string>();
        var ingress = services.Select(s => (Service: s.Key, Device: Blank(ingressOverride) ?? IngressOf(config, s.Key.Address!, addressHolder, routeDevice, notes)))
            .ToList();
        var egress = services.Select(s => (Service: s.Key, Device: Blank(egressOverride) ?? EgressOf(s, routeDevice, notes, warnings)))
            .ToList();
        if (Blank(ingressOverride) is { } i) notes.Add($"DR ingress {i}: director.lb.dr-ingress-device");
        if (Blank(egressOverride) is { } e) notes.Add($"DR egress {e}: director.lb.dr-egress-device");

        var chosenIngress = MostCommon(ingress.Select(x => x.Device));
        var chosenEgress = MostCommon(egress.Select(x => x.Device));
        Unserved(ingress, chosenIngress, "arrives on", "director.lb.dr-ingress-device", warnings);
        Unserved(egress, chosenEgress, "reaches its real servers through", "director.lb.dr-egress-device", warnings);
        return new DrDeviceChoice(chosenIngress, chosenEgress, notes.Distinct().ToList(), warnings.Distinct().ToList());
    }

    private static string? IngressOf(KeepalivedConfig config, IPAddress vip, Func<IPAddress, string?> addressHolder, Func<IPAddress, string?> routeDevice, List<string> notes)
    {
        foreach (var instance in config.VrrpInstance)
        {
            var carried = instance.VirtualIpaddress.Concat(instance.VirtualIpaddressExcluded).FirstOrDefault(v => v.Address.Equals(vip));
            if (carried is null) continue;
            var device = Blank(carried.Device) ?? Blank(instance.Interface);
            if (device is null) continue;
            notes.Add($"DR ingress {device}: vrrp_instance {instance.Name} carries {vip}");
            return device;
        }

        if (Blank(addressHolder(vip)) is { } holder)
        {
            notes.Add($"DR ingress {holder}: holds {vip}");
            return holder;
        }

        if (Blank(routeDevice(vip)) is { } routed && routed != "lo")
        {
            notes.Add($"DR ingress {routed}: route to {vip}");
            return routed;
        }

        return null;
    }

    private static string? EgressOf(VirtualService service, Func<IPAddress, string?> routeDevice, List<string> notes, List<string> warnings)
    {
        var devices = service.Destinations
            .Select(d => (d.Address, Device: Blank(routeDevice(d.Address))))
            .ToList();
        foreach (var (address, _) in devices.Where(d => d.Device is null)) warnings.Add($"{service.Key}: no route to real server {address}");
        var found = devices.Where(d => d.Device is not null).Select(d => d.Device!).Distinct(StringComparer.Ordinal).ToList();
        if (found.Count > 1) warnings.Add($"{service.Key}: real servers are behind several devices ({string.Join(", ", found)}); DR forwards on one");
        var device = MostCommon(devices.Select(d => d.Device));
        if (device is not null) notes.Add($"DR egress {device}: route to the real servers of {service.Key}");
        return device;
    }

    private static string? MostCommon(IEnumerable<string?> devices) => devices
        .OfType<string>()
        .GroupBy(d => d, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count())
        .ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key)
        .FirstOrDefault();

    private static void Unserved(List<(VirtualServiceKey Service, string? Device)> wanted, string? chosen, string what, string setting, List<string> warnings)
    {
        foreach (var (service, device) in wanted)
        {
            if (device is null) warnings.Add($"{service}: cannot tell which device it {what}; set {setting}");
            else if (device != chosen) warnings.Add($"{service}: {what} {device}, but DR on nftables uses one device ({chosen}): this service is not served");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
