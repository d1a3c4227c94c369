using System.Text.Json;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Management;

[Collection(NetnsCollection.Name)]
public sealed class SingleDirectorManagementTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_single_director_answers_status_metrics_health_and_director_status()
    {
        using var lab = new DirectorLab();
        var ns = lab.AddNamespaces(1)[0];
        var director = lab.StartDirector(ns, 0, priority: 150, settings: "director.node-name = solo");
        var client = new ManagementClient(ns);

        Assert.True(Poll.Until(() => client.IsReady() || director.HasExited, StartLimit, TimeSpan.FromMilliseconds(300)) && !director.HasExited,
            $"not ready in time:\n{director.Stdout}\n{director.Stderr}");
        Assert.Equal(200, client.Get("/health/live").Status);
        var ready = client.GetJson("/health/ready");
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Contains(ready.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "vrrp" && c.GetProperty("description").GetString() == "1 VRRP instances");

        JsonElement instance = default;
        Assert.True(Poll.Until(() =>
        {
            var status = client.GetJson("/status");
            Assert.False(status.GetProperty("clusterEnabled").GetBoolean());
            var directors = status.GetProperty("directors");
            Assert.Equal(1, directors.GetArrayLength());
            var state = directors[0].GetProperty("state");
            Assert.Equal("solo", state.GetProperty("node").GetString());
            Assert.Equal("none", state.GetProperty("dataPlane").GetString());
            instance = state.GetProperty("vrrpInstances")[0];
            return instance.GetProperty("state").GetString() == "MASTER";
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(300)), $"never MASTER: {instance}");
        Assert.Equal("VI_1", instance.GetProperty("name").GetString());
        Assert.Equal(150, instance.GetProperty("priority").GetInt32());
        Assert.Equal("10.9.0.100", instance.GetProperty("vips")[0].GetString());
        Assert.Equal(DirectorLab.Address(0), instance.GetProperty("master").GetString());

        var transitions = client.GetJson("/status").GetProperty("directors")[0].GetProperty("state").GetProperty("recentTransitions");
        Assert.Contains(transitions.EnumerateArray(), t => t.GetProperty("to").GetString() == "MASTER");

        var (metricsStatus, metricsText) = client.Get("/metrics");
        Assert.Equal(200, metricsStatus);
        var samples = PrometheusSamples.Parse(metricsText);
        Assert.Equal(1, Value(samples, "director_vrrp_instance_state", ("instance", "VI_1"), ("state", "MASTER")));
        Assert.Equal(0, Value(samples, "director_vrrp_instance_state", ("instance", "VI_1"), ("state", "BACKUP")));
        Assert.True(Value(samples, "director_vrrp_adverts_sent_total", ("instance", "VI_1")) >= 1);
        Assert.True(Value(samples, "director_vrrp_transitions_total", ("instance", "VI_1")) >= 1);
        Assert.True(Value(samples, "director_kernel_writes_total") >= 1, "the VIP was added through native-io");
        Assert.Equal(0, Value(samples, "director_kernel_write_failures_total"));

        var members = client.GetJson("/cluster/members");
        Assert.False(members.GetProperty("clusterEnabled").GetBoolean());

        var table = DirectorLab.RunDirectorStatus(ns);
        Assert.Matches(@"solo\s+VI_1\s+eth0\s+MASTER\s+150\s+10\.9\.0\.2\s+10\.9\.0\.100", table);
        using var json = JsonDocument.Parse(DirectorLab.RunDirectorStatus(ns, "--json"));
        Assert.Equal(1, json.RootElement.GetProperty("directors").GetArrayLength());
    }

    [Fact]
    public void A_taken_management_port_is_logged_and_vrrp_runs_anyway()
    {
        using var lab = new DirectorLab();
        var ns = lab.AddNamespaces(1)[0];
        var squatter = ns.Start("python3", "-m", "http.server", "8558", "--bind", "127.0.0.1");
        Assert.True(Poll.Until(() => new ManagementClient(ns).Get("/").Status != 0 || squatter.HasExited, TimeSpan.FromSeconds(15)), "the squatter never listened");

        var director = lab.StartDirector(ns, 0, priority: 150, settings: "");

        Assert.True(Poll.Until(() => ns.Exec("ip", "-4", "addr", "show", "dev", "eth0").Stdout.Contains("10.9.0.100/24") || director.HasExited,
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(300)), $"the VIP never came:\n{director.Stdout}\n{director.Stderr}");
        Assert.False(director.HasExited);
        Assert.Contains("management endpoint http://127.0.0.1:8558 not started", director.Stdout + director.Stderr);
    }

    private static double Value(IReadOnlyList<PrometheusSamples.Sample> samples, string name, params (string Key, string Value)[] labels)
    {
        var found = samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();
        Assert.True(found.Count == 1, $"{name}{{{string.Join(',', labels)}}}: {found.Count} samples");
        return found[0].Value;
    }
}
