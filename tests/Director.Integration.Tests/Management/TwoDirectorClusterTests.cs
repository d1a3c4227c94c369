using System.Text.Json;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Management;

[Collection(NetnsCollection.Name)]
public sealed class TwoDirectorClusterTests
{
    private static readonly TimeSpan FormLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public void Either_director_of_a_cluster_reports_both_directors_instances()
    {
        using var lab = new DirectorLab();
        var namespaces = lab.AddNamespaces(2);
        var first = lab.StartDirector(namespaces[0], 0, priority: 150, DirectorLab.ClusterSettings(0));
        var second = lab.StartDirector(namespaces[1], 1, priority: 100, DirectorLab.ClusterSettings(1));
        var clients = namespaces.Select(ns => new ManagementClient(ns)).ToList();

        foreach (var (client, process) in clients.Zip([first, second]))
            Assert.True(Poll.Until(() => client.IsReady() || process.HasExited, FormLimit, TimeSpan.FromMilliseconds(500)) && !process.HasExited,
                $"not ready (cluster joined and VRRP up) in time:\n{process.Stdout}\n{process.Stderr}");

        foreach (var client in clients)
        {
            var reported = new Dictionary<string, string>();
            Assert.True(Poll.Until(() =>
            {
                reported = Instances(client.GetJson("/status"));
                return reported.GetValueOrDefault("dir0") == "MASTER" && reported.GetValueOrDefault("dir1") == "BACKUP";
            }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)), $"reported: {string.Join(", ", reported)}");

            var members = client.GetJson("/cluster/members").GetProperty("members");
            Assert.Equal(2, members.EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up"));
        }

        var table = DirectorLab.RunDirectorStatus(namespaces[1]);
        Assert.Matches(@"dir0\s+VI_1\s+eth0\s+MASTER", table);
        Assert.Matches(@"dir1\s+VI_1\s+eth0\s+BACKUP", table);
        Assert.Contains("2 director(s), 2 answered", table);
    }

    /// <summary>node -> state of its VI_1, for every director that answered.</summary>
    private static Dictionary<string, string> Instances(JsonElement status) =>
        status.GetProperty("directors").EnumerateArray()
            .Where(d => d.GetProperty("state").ValueKind == JsonValueKind.Object)
            .Select(d => d.GetProperty("state"))
            .Where(s => s.GetProperty("vrrpInstances").GetArrayLength() > 0)
            .ToDictionary(s => s.GetProperty("node").GetString()!, s => s.GetProperty("vrrpInstances")[0].GetProperty("state").GetString()!);
}
