using System.Text.Json;

namespace Director.TestSupport.Netns;

/// <summary>One network namespace of a <see cref="NetworkLab"/>.</summary>
public sealed class LabNamespace
{
    private readonly NetworkLab _lab;

    internal LabNamespace(NetworkLab lab, string name)
    {
        _lab = lab;
        Name = name;
    }

    /// <summary>Full namespace name, e.g. dt-1a2b3c-lb1 (pass this to code taking a netns).</summary>
    public string Name { get; }

    /// <summary>Runs `ip netns exec NAME command...`; throws with stderr when it fails.</summary>
    public CommandResult Exec(params string[] command) => TryExec(command).EnsureSuccess();

    /// <summary>Runs `ip netns exec NAME command...` and returns the outcome whatever it is.</summary>
    public CommandResult TryExec(params string[] command) =>
        Command.Run(NetworkLab.IpPath, ["netns", "exec", Name, .. command]);

    /// <summary>`ip -j ARGS` inside the namespace, parsed (e.g. IpJson("addr", "show", "dev", "eth0")).</summary>
    public JsonElement IpJson(params string[] arguments)
    {
        var result = Exec(["ip", "-j", .. arguments]);
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(result.Stdout) ? "[]" : result.Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>Starts a long-running command inside the namespace; the lab kills it at dispose.</summary>
    public LabProcess Start(params string[] command) => _lab.Track(new LabProcess(Name, command));

    /// <summary>Runs test code inside this namespace on a thread that called setns(2).</summary>
    public T Run<T>(Func<T> action) => NamespaceThread.Run(Name, action);

    public void Run(Action action) => NamespaceThread.Run(Name, action);

    public void AddAddress(string interfaceName, string cidr) => Exec("ip", "addr", "add", cidr, "dev", interfaceName);

    public void SetUp(string interfaceName) => Exec("ip", "link", "set", interfaceName, "up");

    public void SetDown(string interfaceName) => Exec("ip", "link", "set", interfaceName, "down");

    /// <summary>
    /// Adds a bridge in this namespace, enslaves <paramref name="ports"/> and brings all up.
    /// Multicast snooping is off so the bridge floods multicast like a plain switch (VRRP adverts
    /// must reach every member whether or not a querier exists).
    /// </summary>
    public void AddBridge(string bridgeName, params string[] ports)
    {
        NetworkLab.CheckInterfaceName(bridgeName);
        Exec("ip", "link", "add", bridgeName, "type", "bridge", "mcast_snooping", "0");
        foreach (var port in ports)
        {
            Exec("ip", "link", "set", port, "master", bridgeName);
            SetUp(port);
        }
        SetUp(bridgeName);
    }

    /// <summary>Enslaves an existing interface of this namespace to <paramref name="bridgeName"/> and brings it up.</summary>
    public void AddBridgePort(string bridgeName, string port)
    {
        Exec("ip", "link", "set", port, "master", bridgeName);
        SetUp(port);
    }

    /// <summary>Turns IPv6 duplicate address detection off on every interface (addresses usable at once).</summary>
    public void DisableIpv6Dad()
    {
        Exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
        Exec("sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
    }

    public override string ToString() => Name;
}
