using System.Security.Cryptography;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// A switch namespace with bridges br0 and br1 and one namespace per node, each plugged into both
/// bridges as eth0 and eth1 (so a node's link going down does not take its peers' carrier with it,
/// as a veth pair would). Node i has 10.S.0.(i+1)/24 on eth0 and 10.S.1.(i+1)/24 on eth1, S
/// random per test; VIPs are taken from .100 upwards. <see cref="CreateIpv6"/> adds
/// fd00:0:S:L::(i+1)/64 on ethL, with duplicate address detection off in every namespace (so
/// addresses, link-local ones included, are usable at once) and waits for each node's link-local
/// addresses before returning; IPv6 VIPs are fd00:0:S:L::100 upwards.
/// </summary>
public sealed class VrrpSegment : IDisposable
{
    private readonly NetworkLab _lab;
    private readonly List<VrrpNode> _nodes = [];

    private VrrpSegment(NetworkLab lab, int subnet)
    {
        _lab = lab;
        Subnet = subnet;
    }

    public int Subnet { get; }
    public IReadOnlyList<VrrpNode> Nodes => _nodes;

    public string Vip(int link, int index = 0) => $"10.{Subnet}.{link}.{100 + index}";

    public string Address(int link, int node) => $"10.{Subnet}.{link}.{node + 1}";

    public string Vip6(int link, int index = 0) => $"fd00:0:{Subnet:x}:{link}::{100 + index}";

    public string Address6(int link, int node) => $"fd00:0:{Subnet:x}:{link}::{node + 1}";

    public static VrrpSegment Create(params Implementation[] implementations) => Create(ipv6: false, implementations);

    public static VrrpSegment CreateIpv6(params Implementation[] implementations) => Create(ipv6: true, implementations);

    private static VrrpSegment Create(bool ipv6, Implementation[] implementations)
    {
        var lab = NetworkLab.Create();
        var segment = new VrrpSegment(lab, RandomNumberGenerator.GetInt32(1, 255));
        try
        {
            var sw = lab.AddNamespace("sw");
            if (ipv6) sw.DisableIpv6Dad();
            sw.Exec("ip", "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
            sw.Exec("ip", "link", "add", "br1", "type", "bridge", "mcast_snooping", "0");
            sw.SetUp("br0");
            sw.SetUp("br1");
            for (var i = 0; i < implementations.Length; i++)
            {
                var ns = lab.AddNamespace($"n{i}");
                // Before the links exist: they inherit "default", and their link-local addresses are never tentative.
                if (ipv6) ns.DisableIpv6Dad();
                lab.Attach(ns, "eth0", sw, "br0");
                lab.Attach(ns, "eth1", sw, "br1");
                ns.AddAddress("eth0", $"{segment.Address(0, i)}/24");
                ns.AddAddress("eth1", $"{segment.Address(1, i)}/24");
                if (ipv6)
                {
                    ns.Exec("ip", "-6", "addr", "add", $"{segment.Address6(0, i)}/64", "dev", "eth0", "nodad");
                    ns.Exec("ip", "-6", "addr", "add", $"{segment.Address6(1, i)}/64", "dev", "eth1", "nodad");
                }
                segment._nodes.Add(new VrrpNode(ns, implementations[i], $"n{i}{implementations[i].ToString()[0]}"));
            }
            if (ipv6)
            {
                foreach (var node in segment._nodes)
                    foreach (var link in new[] { "eth0", "eth1" })
                        if (!Poll.Until(() => node.LinkLocal(link) is not null, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20)))
                            throw new InvalidOperationException($"{node.Name}: no usable link-local address on {link}: {node.Namespace.Exec("ip", "-6", "addr", "show", "dev", link).Stdout}");
            }
            return segment;
        }
        catch
        {
            segment.Dispose();
            throw;
        }
    }

    /// <summary>The running nodes holding <paramref name="vip"/>.</summary>
    public IReadOnlyList<VrrpNode> Holders(string vip) => _nodes.Where(n => n.Running && n.Holds(vip)).ToList();

    /// <summary>Waits until exactly <paramref name="expected"/> (among running nodes) holds each VIP.</summary>
    public bool WaitForSoleHolder(VrrpNode expected, TimeSpan timeout, params string[] vips) =>
        Poll.Until(() => vips.All(v => Holders(v) is [var only] && only == expected), timeout, TimeSpan.FromMilliseconds(10));

    /// <summary>Fails the test (with every node's log) unless <paramref name="expected"/> is the only running holder of each VIP.</summary>
    public void AssertSoleHolder(VrrpNode expected, TimeSpan timeout, string step, params string[] vips)
    {
        if (WaitForSoleHolder(expected, timeout, vips)) return;
        var holders = string.Join("; ", vips.Select(v => $"{v}: [{string.Join(", ", Holders(v).Select(n => n.Name))}]"));
        Assert.Fail($"{step}: expected only {expected.Name} to hold {string.Join(", ", vips)} within {timeout}; holders {holders}\n{Logs()}");
    }

    /// <summary>Checks for <paramref name="duration"/> that <paramref name="expected"/> stays the only running holder.</summary>
    public void AssertStaysSoleHolder(VrrpNode expected, TimeSpan duration, string step, params string[] vips)
    {
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            foreach (var vip in vips)
            {
                var holders = Holders(vip);
                if (holders is not [var only] || only != expected)
                    Assert.Fail($"{step}: {vip} held by [{string.Join(", ", holders.Select(n => n.Name))}], expected only {expected.Name}\n{Logs()}");
            }
            Thread.Sleep(20);
        }
    }

    public string Logs() => string.Join('\n', _nodes.Select(n => n.Log()));

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
        _lab.Dispose();
    }
}
