using System.Globalization;
using System.Security.Cryptography;

namespace Director.TestSupport.Netns;

/// <summary>
/// A disposable set of network namespaces for one test. Every namespace is named
/// <c>dt-XXXXXX-ROLE</c> (XXXXXX unique per lab); veth pairs and bridges live only inside them, so
/// deleting the namespaces removes everything. Dispose kills the processes started inside
/// (SIGKILL, bounded wait) and deletes the namespaces, whether the test passed or not.
/// <see cref="Create"/> fails (never skips) when not root or when `ip` is missing, and first
/// sweeps leftovers of crashed runs (namespaces whose owning process is gone).
/// </summary>
public sealed class NetworkLab : IDisposable, IAsyncDisposable
{
    public const string ProjectPrefix = "dt-";
    private const string OwnerFolder = "/run/director-tests";

    private readonly List<LabNamespace> _namespaces = [];
    private readonly List<LabProcess> _processes = [];
    private readonly object _gate = new();
    private bool _disposed;

    private NetworkLab(string prefix)
    {
        Prefix = prefix;
    }

    /// <summary>`dt-` and 6 hex digits, shared by all namespaces of this lab.</summary>
    public string Prefix { get; }

    public IReadOnlyList<LabNamespace> Namespaces { get { lock (_gate) return [.. _namespaces]; } }

    internal static string IpPath => Command.Find("ip") ?? "ip";

    /// <summary>Checks the requirements (throws with the reason), sweeps stale labs, and reserves a prefix.</summary>
    public static NetworkLab Create()
    {
        EnsureRequirements();
        Sweep();
        Directory.CreateDirectory(OwnerFolder);
        var prefix = ProjectPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        // The owner file comes first so a concurrent sweep never takes this lab's namespaces for stale.
        File.WriteAllText(OwnerPath(prefix), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new NetworkLab(prefix);
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming what is missing for namespace tests.</summary>
    public static void EnsureRequirements()
    {
        if (!OperatingSystem.IsLinux())
            throw new InvalidOperationException("network namespace tests need Linux");
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("network namespace tests need root (CAP_SYS_ADMIN and CAP_NET_ADMIN): run the tests as root");
        if (Command.Find("ip") is null)
            throw new InvalidOperationException("network namespace tests need the `ip` command (Debian package iproute2)");
    }

    /// <summary>Adds namespace <c>{Prefix}-{role}</c> with its loopback up.</summary>
    public LabNamespace AddNamespace(string role)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (string.IsNullOrEmpty(role) || role.Any(c => !char.IsAsciiLetterOrDigit(c)))
            throw new ArgumentException($"role '{role}' must be letters and digits", nameof(role));
        var ns = new LabNamespace(this, $"{Prefix}-{role}");
        Command.Run(IpPath, "netns", "add", ns.Name).EnsureSuccess();
        lock (_gate) _namespaces.Add(ns);
        ns.Exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    /// <summary>Creates a veth pair with one end in each namespace and brings both ends up.</summary>
    public void Connect(LabNamespace a, string interfaceA, LabNamespace b, string interfaceB)
    {
        CheckInterfaceName(interfaceA);
        CheckInterfaceName(interfaceB);
        Command.Run(IpPath, "link", "add", interfaceA, "netns", a.Name, "type", "veth", "peer", "name", interfaceB, "netns", b.Name)
            .EnsureSuccess();
        a.SetUp(interfaceA);
        b.SetUp(interfaceB);
    }

    /// <summary>
    /// Plugs <paramref name="host"/> into bridge <paramref name="bridgeName"/> of
    /// <paramref name="switchNamespace"/> (see <see cref="LabNamespace.AddBridge"/>): a veth pair
    /// with <paramref name="hostInterface"/> on the host side and a generated port name on the switch.
    /// </summary>
    public void Attach(LabNamespace host, string hostInterface, LabNamespace switchNamespace, string bridgeName)
    {
        var port = $"p{Interlocked.Increment(ref _portCounter)}";
        Connect(host, hostInterface, switchNamespace, port);
        switchNamespace.AddBridgePort(bridgeName, port);
    }

    private int _portCounter;

    /// <summary>Linux interface names have at most 15 characters.</summary>
    public static void CheckInterfaceName(string name)
    {
        if (name.Length is 0 or > 15) throw new ArgumentException($"interface name '{name}' must have 1-15 characters", nameof(name));
    }

    internal LabProcess Track(LabProcess process)
    {
        lock (_gate) _processes.Add(process);
        return process;
    }

    /// <summary>
    /// Removes namespaces named dt-XXXXXX-* whose owner process (recorded in
    /// /run/director-tests/dt-XXXXXX) is gone or unknown. Returns how many were removed.
    /// </summary>
    public static int Sweep()
    {
        var listed = Command.Run(IpPath, "netns", "list");
        if (!listed.Succeeded) return 0;
        var removed = 0;
        foreach (var line in listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = line.Split(' ')[0];
            if (!name.StartsWith(ProjectPrefix, StringComparison.Ordinal) || name.Length < 10) continue;
            var prefix = name[..9];
            if (OwnerAlive(prefix)) continue;
            DeleteNamespace(name);
            removed++;
        }
        foreach (var owner in Directory.Exists(OwnerFolder) ? Directory.GetFiles(OwnerFolder, ProjectPrefix + "*") : [])
            if (!OwnerAlive(Path.GetFileName(owner))) File.Delete(owner);
        return removed;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        List<Exception> failures = [];
        foreach (var process in _processes)
            Try(process.Dispose, failures);
        foreach (var ns in Enumerable.Reverse(_namespaces))
            Try(() => DeleteNamespace(ns.Name), failures);
        Try(() => File.Delete(OwnerPath(Prefix)), failures);
        if (failures.Count > 0) throw new AggregateException($"cleaning up lab {Prefix} failed", failures);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void DeleteNamespace(string name)
    {
        // Processes left inside (started by other means) would keep the namespace alive.
        var pids = Command.Run(IpPath, "netns", "pids", name);
        foreach (var pid in pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Command.Run("kill", "-9", pid);
        var result = Command.Run(IpPath, "netns", "del", name);
        if (!result.Succeeded && File.Exists(Path.Combine("/var/run/netns", name))) result.EnsureSuccess();
    }

    private static bool OwnerAlive(string prefix)
    {
        try
        {
            var text = File.ReadAllText(OwnerPath(prefix)).Trim();
            return int.TryParse(text, CultureInfo.InvariantCulture, out var pid) && Directory.Exists($"/proc/{pid}");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string OwnerPath(string prefix) => Path.Combine(OwnerFolder, prefix);

    private static void Try(Action action, List<Exception> failures)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            failures.Add(e);
        }
    }
}
