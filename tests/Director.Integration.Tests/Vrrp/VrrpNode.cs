using System.Text.Json;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// A director or keepalived running (or stopped) in one namespace of a <see cref="VrrpSegment"/>,
/// with its configuration and pid files in a folder of its own.
/// </summary>
public sealed class VrrpNode : IDisposable
{
    private readonly string _folder;
    private LabProcess? _process;

    public VrrpNode(LabNamespace ns, Implementation implementation, string name)
    {
        Namespace = ns;
        Implementation = implementation;
        Name = name;
        _folder = Directory.CreateTempSubdirectory($"vrrp-{name}-").FullName;
    }

    public LabNamespace Namespace { get; }
    public Implementation Implementation { get; }
    public string Name { get; }
    public string ConfigPath => Path.Combine(_folder, "keepalived.conf");
    public string StatusPath => Path.Combine(_folder, "status.json");
    public string Folder => _folder;
    public bool Running => _process is { HasExited: false };
    public LabProcess? Process => _process;

    public void WriteConfig(NodeConfig config) => File.WriteAllText(ConfigPath, config.Render(Name));

    public void Start()
    {
        if (Running) throw new InvalidOperationException($"{Name} is already running");
        _process?.Dispose();
        var pid = Path.Combine(_folder, "main.pid");
        var vrrpPid = VrrpPidPath;
        File.Delete(vrrpPid);
        IReadOnlyList<string> command = Implementation == Implementation.Director
            ? ["env", $"DIRECTOR_STATUS_FILE={StatusPath}", $"DIRECTOR_DUMP_DIR={_folder}", $"STATE_DIRECTORY={_folder}", "DOTNET_gcServer=0", .. DaemonBinaries.Director(), "run", "-n", "-l", "-f", ConfigPath, "-p", pid]
            : [DaemonBinaries.Keepalived(), "-n", "-l", "-D", "--vrrp", "-f", ConfigPath, "-p", pid, "-r", vrrpPid];
        _process = Namespace.Start([.. command]);
    }

    /// <summary>
    /// kill -9: the VIPs it held stay in its namespace, as after a real crash. keepalived's VRRP
    /// child is killed in the same kill(1) call as its parent, so the parent neither respawns it
    /// nor lets it stop gracefully.
    /// </summary>
    public void Kill()
    {
        if (_process is null) return;
        var pids = new List<string>();
        if (Implementation == Implementation.Keepalived && File.Exists(VrrpPidPath))
            pids.Add(File.ReadAllText(VrrpPidPath).Trim());
        pids.Add(_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Command.Run("kill", ["-9", .. pids]);
        _process.WaitForExit(TimeSpan.FromSeconds(5));
    }

    private string VrrpPidPath => Path.Combine(_folder, "vrrp.pid");

    /// <summary>SIGTERM without waiting (the caller measures the hand-over).</summary>
    public void Terminate() => _process?.Signal(15);

    public bool WaitForExit(TimeSpan timeout) => _process?.WaitForExit(timeout) ?? true;

    /// <summary>Whether <paramref name="address"/> (IPv4 or IPv6, any spelling) is on one of the node's interfaces.</summary>
    public bool Holds(string address)
    {
        var wanted = System.Net.IPAddress.Parse(address);
        return Namespace.IpJson(wanted.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "-6" : "-4", "addr", "show").EnumerateArray()
            .SelectMany(link => link.TryGetProperty("addr_info", out var info) ? info.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Any(a => a.TryGetProperty("local", out var local) && System.Net.IPAddress.TryParse(local.GetString(), out var held) && held.Equals(wanted));
    }

    /// <summary>The link-local address of <paramref name="interfaceName"/> once it is usable (not tentative), else null.</summary>
    public System.Net.IPAddress? LinkLocal(string interfaceName) =>
        Namespace.IpJson("-6", "addr", "show", "dev", interfaceName, "scope", "link").EnumerateArray()
            .SelectMany(link => link.TryGetProperty("addr_info", out var info) ? info.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(a => !a.TryGetProperty("tentative", out _) && !a.TryGetProperty("dadfailed", out _))
            .Select(a => a.TryGetProperty("local", out var local) && System.Net.IPAddress.TryParse(local.GetString(), out var ip) ? ip : null)
            .FirstOrDefault(ip => ip is { IsIPv6LinkLocal: true });

    /// <summary>Removes an address left by a crash (what a reboot of the node would do); /32 or /128 unless <paramref name="prefixLength"/> is given.</summary>
    public void ForgetAddress(string address, string interfaceName, int? prefixLength = null) =>
        Namespace.TryExec("ip", "addr", "del", $"{address}/{prefixLength ?? (address.Contains(':', StringComparison.Ordinal) ? 128 : 32)}", "dev", interfaceName);

    /// <summary>director only: SIGUSR1 and read the status file it writes.</summary>
    public JsonElement DumpStatus()
    {
        if (Implementation != Implementation.Director) throw new InvalidOperationException("status dump is director's");
        var before = File.Exists(StatusPath) ? File.GetLastWriteTimeUtc(StatusPath) : DateTime.MinValue;
        File.Delete(StatusPath);
        _process!.Signal(10);
        if (!Poll.Until(() => File.Exists(StatusPath), TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"{Name}: no status dump at {StatusPath} (was {before:o}); log:\n{Log()}");
        using var document = JsonDocument.Parse(File.ReadAllText(StatusPath));
        return document.RootElement.Clone();
    }

    public string Log() => _process is null ? "" : $"--- {Name} ({Implementation}) stdout ---\n{Tail(_process.Stdout)}\n--- stderr ---\n{Tail(_process.Stderr)}";

    private static string Tail(string text) => text.Length > 6000 ? text[^6000..] : text;

    public void Dispose()
    {
        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
