using System.Net;

namespace Director.Core.Balancing.Nft;

/// <summary>
/// Active connections per (virtual service, destination) from the text of
/// /proc/net/nf_conntrack: a DNATed flow's original direction names the VIP, its reply direction
/// the real server. Active means ESTABLISHED for TCP (as IPVS counts), any entry for UDP.
/// </summary>
public sealed class ConntrackCounts
{
    private readonly Dictionary<(IPAddress Vip, int VipPort, IPAddress Server, int ServerPort), int> _byService = new();
    private readonly Dictionary<(IPAddress Server, int ServerPort), int> _byServer = new();

    public static ConntrackCounts Parse(string text)
    {
        var counts = new ConntrackCounts();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            counts.Add(line.ToString());
        }

        return counts;
    }

    public int For(VirtualServiceKey service, DestinationKey destination)
    {
        if (service.IsFwmark) return _byServer.GetValueOrDefault((destination.Address, destination.Port));
        return _byService.GetValueOrDefault((service.Address!, service.Port, destination.Address, destination.Port));
    }

    private void Add(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6) return;
        var protocol = fields[2];
        if (protocol == "tcp" && !fields.Contains("ESTABLISHED")) return;
        if (protocol is not ("tcp" or "udp")) return;
        var values = new List<(string Key, string Value)>();
        foreach (var f in fields)
        {
            var eq = f.IndexOf('=');
            if (eq > 0) values.Add((f[..eq], f[(eq + 1)..]));
        }

        string? Nth(string key, int n) => values.Where(v => v.Key == key).Select(v => v.Value).ElementAtOrDefault(n);
        if (Nth("dst", 0) is not { } vip || Nth("dport", 0) is not { } vipPort
            || Nth("src", 1) is not { } server || Nth("sport", 1) is not { } serverPort) return;
        if (!IPAddress.TryParse(vip, out var vipAddress) || !IPAddress.TryParse(server, out var serverAddress)) return;
        if (vipAddress.Equals(serverAddress)) return;
        var sk = (vipAddress, int.Parse(vipPort, System.Globalization.CultureInfo.InvariantCulture), serverAddress, int.Parse(serverPort, System.Globalization.CultureInfo.InvariantCulture));
        _byService[sk] = _byService.GetValueOrDefault(sk) + 1;
        _byServer[(serverAddress, sk.Item4)] = _byServer.GetValueOrDefault((serverAddress, sk.Item4)) + 1;
    }
}
