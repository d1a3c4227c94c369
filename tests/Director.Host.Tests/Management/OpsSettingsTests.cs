using Director.Host.Management;

namespace Director.Host.Tests.Management;

public sealed class OpsSettingsTests
{
    [Fact]
    public void The_shipped_defaults_are_a_single_director_with_a_loopback_endpoint()
    {
        var ops = OpsSettings.Defaults;

        Assert.False(ops.Cluster.Enabled);
        Assert.Equal(4053, ops.Cluster.Port);
        Assert.Equal(new ManagementSettings(true, "127.0.0.1", 8558), ops.Management);
        Assert.Equal(["akka.tcp://director@127.0.0.1:4053"], ops.Cluster.EffectiveSeedNodes);
        Assert.Equal(50, ops.RecentTransitions);
    }

    [Fact]
    public void Override_files_win_over_the_defaults_and_later_files_over_earlier_ones()
    {
        var first = Path.GetTempFileName();
        var second = Path.GetTempFileName();
        try
        {
            File.WriteAllText(first, """
                director.cluster { enabled = on, hostname = 10.0.0.2, seed-nodes = ["akka.tcp://director@10.0.0.2:4053", "akka.tcp://director@10.0.0.3:4053"] }
                director.management.port = 9000
                director.topology { }
                """);
            File.WriteAllText(second, "director.management.port = 9100\ndirector.node-name = lb1");

            var ops = OpsSettings.Load([first, second]);

            Assert.True(ops.Cluster.Enabled);
            Assert.Equal("akka.tcp://director@10.0.0.2:4053", ops.Cluster.SelfAddress);
            Assert.Equal(2, ops.Cluster.EffectiveSeedNodes.Count);
            Assert.Equal(9100, ops.Management.Port);
            Assert.Equal("127.0.0.1", ops.Management.Hostname);
            Assert.Equal("lb1", ops.EffectiveNodeName("LVS_DEVEL"));
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Fact]
    public void The_node_name_falls_back_to_the_router_id()
    {
        Assert.Equal("LVS_DEVEL", OpsSettings.Defaults.EffectiveNodeName("LVS_DEVEL"));
        Assert.Equal(Environment.MachineName, OpsSettings.Defaults.EffectiveNodeName(null));
    }

    [Fact]
    public void A_missing_settings_file_is_an_error_naming_it()
    {
        var e = Assert.Throws<OpsSettingsException>(() => OpsSettings.Load(["/nonexistent/director.hocon"]));
        Assert.Contains("/nonexistent/director.hocon", e.Message);
    }

    [Fact]
    public void A_bad_value_in_a_settings_file_is_an_error_naming_the_file_line_and_the_field()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "director.history.provider = mysql\n");
            var e = Assert.Throws<OpsSettingsException>(() => OpsSettings.Load([file]));
            Assert.Equal($"{file}:1: director.history.provider: expected one of sqlite, postgresql, got \"mysql\"", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
