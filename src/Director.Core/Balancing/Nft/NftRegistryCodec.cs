using System.Globalization;
using System.Net;

namespace Director.Core.Balancing.Nft;

/// <summary>
/// The daemon's own record of what it installed, kept in the kernel so that a restart can read it
/// back: one element per service in set <c>registry</c> (id, with the key and settings in the
/// element's comment, at most 128 bytes) and one per destination in set <c>dests</c>
/// (id . address . port . weight . method).
/// </summary>
public static class NftRegistryCodec
{
    public static string EncodeService(VirtualService service)
    {
        var k = service.Key;
        var persistence = service.Persistence is { } p
            ? $"{(long)p.Timeout.TotalSeconds},{p.Netmask?.ToString() ?? "-"}"
            : "-";
        return string.Create(CultureInfo.InvariantCulture,
            $"k={(int)k.Family},{(int)k.Protocol},{k.Address?.ToString() ?? "-"},{k.Port},{k.Fwmark};s={service.Scheduler.Name};p={persistence};o={(service.OnePacket ? 1 : 0)}");
    }

    /// <summary>Decodes a comment written by <see cref="EncodeService"/>; destinations come empty.</summary>
    public static VirtualService? DecodeService(string comment)
    {
        var fields = comment.Split(';').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        if (!fields.TryGetValue("k", out var keyText) || !fields.TryGetValue("s", out var scheduler)) return null;
        var key = keyText.Split(',');
        if (key.Length != 5) return null;
        var family = (IpFamily)int.Parse(key[0], CultureInfo.InvariantCulture);
        var protocol = (IpProtocol)int.Parse(key[1], CultureInfo.InvariantCulture);
        var fwmark = uint.Parse(key[4], CultureInfo.InvariantCulture);
        var serviceKey = fwmark != 0
            ? VirtualServiceKey.ForFwmark(fwmark, family, protocol)
            : VirtualServiceKey.ForAddress(IPAddress.Parse(key[2]), int.Parse(key[3], CultureInfo.InvariantCulture), protocol);
        Persistence? persistence = null;
        if (fields.TryGetValue("p", out var p) && p != "-")
        {
            var parts = p.Split(',');
            persistence = new Persistence(
                TimeSpan.FromSeconds(long.Parse(parts[0], CultureInfo.InvariantCulture)),
                parts.Length > 1 && parts[1] != "-" ? IPAddress.Parse(parts[1]) : null);
        }

        return new VirtualService
        {
            Key = serviceKey,
            Scheduler = new Scheduler(scheduler),
            Persistence = persistence,
            OnePacket = fields.GetValueOrDefault("o") == "1",
        };
    }

    public static string EncodeDestination(int serviceId, Destination d) =>
        string.Create(CultureInfo.InvariantCulture, $"{serviceId} . {d.Address} . {d.Port} . {d.Weight} . {(int)d.Method}");
}
