using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Management;

/// <summary>
/// Directors in network namespaces for management tests: namespace dirN has eth0 (10.9.0.N+1/24)
/// on one shared link; each runs `director run` with one VRRP instance (VRID 51, VIP
/// 10.9.0.100) and the given cluster settings. Everything goes when disposed.
/// </summary>
public sealed class DirectorLab : IDisposable
{
    private readonly NetworkLab _lab = NetworkLab.Create();
    private readonly string _folder = Directory.CreateTempSubdirectory("director-mgmt-").FullName;

    public NetworkLab Network => _lab;

    public static string Address(int index) => $"10.9.0.{index + 2}";

    public static string ClusterAddress(int index) => $"akka.tcp://director@{Address(index)}:4053";

    /// <summary>Creates <paramref name="count"/> directors' namespaces joined by a bridge (one for a single director: a veth to a stub).</summary>
    public IReadOnlyList<LabNamespace> AddNamespaces(int count)
    {
        var sw = _lab.AddNamespace("sw");
        sw.Exec("ip", "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
        sw.SetUp("br0");
        var list = new List<LabNamespace>();
        for (var i = 0; i < count; i++)
        {
            var ns = _lab.AddNamespace($"dir{i}");
            _lab.Attach(ns, "eth0", sw, "br0");
            ns.AddAddress("eth0", $"{Address(i)}/24");
            list.Add(ns);
        }
        return list;
    }

    /// <summary>Starts director in <paramref name="ns"/>; <paramref name="settings"/> is HOCON given with --settings.</summary>
    /// <param name="prefix">Command words put before director's (e.g. unshare, env).</param>
    public LabProcess StartDirector(LabNamespace ns, int index, int priority, string settings, params string[] prefix)
    {
        var config = Path.Combine(_folder, $"dir{index}.conf");
        File.WriteAllText(config, $$"""
            global_defs {
                router_id dir{{index}}
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority {{priority}}
                advert_int 1
                virtual_ipaddress {
                    10.9.0.100/24
                }
            }
            """);
        var hocon = Path.Combine(_folder, $"dir{index}.hocon");
        File.WriteAllText(hocon, settings);
        return ns.Start([.. prefix, "env", $"STATE_DIRECTORY={_folder}/state{index}", .. DirectorBinary.Command(), "run", "-n", "-l", "-f", config, "--settings", hocon]);
    }

    public static string ClusterSettings(int index, int seedIndex = 0) => $$"""
        director.cluster {
          enabled = on
          hostname = {{Address(index)}}
          seed-nodes = ["{{ClusterAddress(seedIndex)}}"]
        }
        """;

    public static string RunDirectorStatus(LabNamespace ns, params string[] arguments) =>
        ns.Exec([.. DirectorBinary.Command(), "status", .. arguments]).Stdout;

    /// <summary>A scratch file path inside this lab's folder (removed at dispose).</summary>
    public string FilePath(string name) => Path.Combine(_folder, name);

    public void Dispose()
    {
        try
        {
            _lab.Dispose();
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
