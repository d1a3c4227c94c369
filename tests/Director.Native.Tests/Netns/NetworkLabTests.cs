using System.Globalization;
using System.Net.NetworkInformation;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

[Collection(NetnsCollection.Name)]
public sealed class NetworkLabTests
{
    private static string[] ListedNamespaces() =>
        Command.Run("ip", "netns", "list").EnsureSuccess().Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ')[0])
            .ToArray();

    [Fact]
    public void Dispose_kills_started_processes_and_removes_every_namespace()
    {
        var lab = NetworkLab.Create();
        LabProcess sleeper;
        string[] names;
        try
        {
            var a = lab.AddNamespace("a");
            var b = lab.AddNamespace("b");
            lab.Connect(a, "eth0", b, "eth0");
            b.AddBridge("br0", "eth0");
            sleeper = a.Start("sleep", "600");
            names = [a.Name, b.Name];
            Assert.All(names, n => Assert.StartsWith(lab.Prefix + "-", n, StringComparison.Ordinal));
            Assert.Matches("^dt-[0-9a-f]{6}$", lab.Prefix);
        }
        finally
        {
            lab.Dispose();
        }

        Assert.True(sleeper.HasExited);
        Assert.DoesNotContain(ListedNamespaces(), n => names.Contains(n));
        lab.Dispose(); // twice is harmless
    }

    [Fact]
    public void Code_run_inside_sees_the_namespace_interfaces()
    {
        using var lab = NetworkLab.Create();
        var a = lab.AddNamespace("a");
        var b = lab.AddNamespace("b");
        lab.Connect(a, "lab0", b, "lab1");

        var inside = a.Run(() => NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name).ToArray());

        Assert.Contains("lab0", inside);
        Assert.DoesNotContain("lab1", inside);
        Assert.DoesNotContain("lab0", NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name));
    }

    [Fact]
    public void Exec_failure_reports_the_command_and_its_error()
    {
        using var lab = NetworkLab.Create();
        var a = lab.AddNamespace("a");

        var failure = Assert.Throws<InvalidOperationException>(() => a.Exec("ip", "link", "set", "nosuch0", "up"));

        Assert.Contains("nosuch0", failure.Message, StringComparison.Ordinal);
        Assert.False(a.TryExec("false").Succeeded);
    }

    [Fact]
    public void Names_longer_than_15_characters_are_refused()
    {
        using var lab = NetworkLab.Create();
        var a = lab.AddNamespace("a");
        var b = lab.AddNamespace("b");
        Assert.Throws<ArgumentException>(() => lab.Connect(a, "a-very-long-name0", b, "eth0"));
        Assert.Throws<ArgumentException>(() => lab.AddNamespace("bad/role"));
    }

    [Fact]
    public void Sweep_removes_namespaces_of_a_dead_owner_and_keeps_live_ones()
    {
        using var live = NetworkLab.Create();
        var kept = live.AddNamespace("live");
        var deadPid = DeadProcessId();
        var stalePrefix = "dt-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        var stale = stalePrefix + "-old";
        Directory.CreateDirectory("/run/director-tests");
        File.WriteAllText(Path.Combine("/run/director-tests", stalePrefix), deadPid.ToString(CultureInfo.InvariantCulture));
        Command.Run("ip", "netns", "add", stale).EnsureSuccess();
        try
        {
            Assert.True(NetworkLab.Sweep() >= 1);

            Assert.DoesNotContain(stale, ListedNamespaces());
            Assert.Contains(kept.Name, ListedNamespaces());
            Assert.False(File.Exists(Path.Combine("/run/director-tests", stalePrefix)));
        }
        finally
        {
            Command.Run("ip", "netns", "del", stale);
        }
    }

    private static int DeadProcessId()
    {
        var result = Command.Run("sh", "-c", "echo $$");
        return int.Parse(result.Stdout.Trim(), CultureInfo.InvariantCulture);
    }
}
