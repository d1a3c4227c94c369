using System.Text.Json;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Management;

/// <summary>
/// A director that became MASTER: SIGUSR1 writes keepalived.data, SIGUSR2 keepalived.stats (in
/// $DIRECTOR_DUMP_DIR, /tmp by default as keepalived), and the file sink of director.log holds
/// the transition as a JSON line with its fields.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class DumpSignalAndLogFileTests
{
    [Fact]
    public void Usr1_and_usr2_write_keepalived_dumps_and_the_log_file_holds_the_transition_with_its_fields()
    {
        using var lab = new DirectorLab();
        var ns = lab.AddNamespaces(1)[0];
        var dumps = Directory.CreateDirectory(lab.FilePath("dumps")).FullName;
        var logFile = lab.FilePath("director.log");
        var director = lab.StartDirector(ns, 0, priority: 150,
            settings: $$"""director.log { file = "{{logFile}}", file-level = info, file-format = json, overrides { Akka = warning } }""",
            "env", $"DIRECTOR_DUMP_DIR={dumps}");
        var client = new ManagementClient(ns);
        Assert.True(Poll.Until(() => Master(client) || director.HasExited, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(300)) && !director.HasExited,
            $"never MASTER:\n{director.Stdout}\n{director.Stderr}");

        director.Signal(10);
        director.Signal(12);
        var data = Path.Combine(dumps, "keepalived.data");
        var stats = Path.Combine(dumps, "keepalived.stats");
        var json = Path.Combine(dumps, "director.data.json"); // beside keepalived.data, never in /tmp here
        Assert.True(Poll.Until(() => File.Exists(data) && File.Exists(stats) && File.Exists(json), TimeSpan.FromSeconds(10)), $"no dumps:\n{director.Stdout}");

        var statsText = File.ReadAllText(stats);
        Assert.StartsWith("VRRP Instance: VI_1\n  Advertisements:\n    Received: ", statsText);
        Assert.Contains("  Became master: 1\n  Released master: 0\n  Packet Errors:\n    Length: 0\n    TTL: 0\n", statsText);
        Assert.Matches(@"    Sent: [1-9]\d*\n", statsText);
        var dataText = File.ReadAllText(data);
        Assert.Contains("------< VRRP Topology >------\n VRRP Instance = VI_1\n   State = MASTER\n", dataText);
        Assert.Contains("     10.9.0.100\n", dataText);
        Assert.Contains(" Router ID = dir0\n", dataText);
        Assert.Contains("------< LVS Topology >------\n", dataText);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stats));

        director.Signal(15);
        Assert.True(director.WaitForExit(TimeSpan.FromSeconds(20)));
        var transitions = File.ReadAllLines(logFile)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("Properties").TryGetProperty("Instance", out _) && e.GetProperty("Properties").TryGetProperty("State", out _))
            .Select(e => e.GetProperty("Properties"))
            .ToList();
        Assert.Contains(transitions, p => p.GetProperty("Instance").GetString() == "VI_1" && p.GetProperty("State").GetString() == "MASTER"
            && p.GetProperty("From").GetString() == "BACKUP" && p.GetProperty("Priority").GetInt32() == 150
            && p.GetProperty("SourceContext").GetString() == "Director.Actors.Vrrp.VrrpInstanceActor");
        Assert.DoesNotContain(File.ReadAllLines(logFile), l => l.Contains("\"SourceContext\":\"Akka.", StringComparison.Ordinal)
            && l.Contains("\"Level\":\"Information\"", StringComparison.Ordinal));
    }

    private static bool Master(ManagementClient client)
    {
        var (status, body) = client.Get("/status");
        if (status != 200) return false;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("directors")[0].GetProperty("state").GetProperty("vrrpInstances")[0]
                .GetProperty("state").GetString() == "MASTER";
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or JsonException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
