using System.Security.Cryptography;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// A switch namespace with bridges br0 and br1 and one namespace per node, each plugged into both
/// bridges as eth0 and eth1 (so a node's link going down does not take its peers' carrier with it,
/// as a veth pair would). Node i has 10.S.0.(i+1)/24 on eth0 and 10.S.1.(i+1)/24 on eth1, S
/// random per test; VIPs are taken from .100 upwards.
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

    public static VrrpSegment Create(params Implementation[] implementations)
    {
        var lab = NetworkLab.Create();
        var segment = new VrrpSegment(lab, RandomNumberGenerator.GetInt32(1, 255));
        try
        {
            var sw = lab.AddNamespace("sw");
            sw.Exec("ip", "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
            sw.Exec("ip", "link", "add", "br1", "type", "bridge", "mcast_snooping", "0");
            sw.SetUp("br0");
            sw.SetUp("br1");
            for (var i = 0; i < implementations.Length; i++)
            {
                var ns = lab.AddNamespace($"n{i}");
                lab.Attach(ns, "eth0", sw, "br0");
                lab.Attach(ns, "eth1", sw, "br1");
                ns.AddAddress("eth0", $"{segment.Address(0, i)}/24");
                ns.AddAddress("eth1", $"{segment.Address(1, i)}/24");
                segment._nodes.Add(new VrrpNode(ns, implementations[i], $"n{i}{implementations[i].ToString()[0]}"));
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
