using Director.Host.Management;

namespace Director.Host.Tests.Management;

/// <summary>A bad value in a settings file names file:line of its key, the field, the form expected and what was found.</summary>
public sealed class OpsSettingsValueErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("director-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Error(params string[] files) =>
        Assert.Throws<OpsSettingsException>(() => OpsSettings.Load(files)).Message;

    [Fact]
    public void A_malformed_duration_in_a_nested_block()
    {
        var file = Write("a.hocon", "director {\n  cluster {\n    enabled = on\n    query-timeout = fast\n  }\n}\n");
        Assert.Equal($"{file}:4: director.cluster.query-timeout: expected a duration from 1ms to 600s (e.g. 2s, 500ms), got \"fast\"", Error(file));
    }

    [Fact]
    public void A_duration_out_of_range_in_a_dotted_key()
    {
        var file = Write("a.hocon", "# lb\ndirector.lb.backend = nftables\ndirector.lb.rebalance-interval = 5m\n");
        Assert.Equal($"{file}:3: director.lb.rebalance-interval: expected a duration from 100ms to 60s (e.g. 2s, 500ms), got \"5m\"", Error(file));
    }

    [Theory]
    [InlineData("director.log.file-format = xml", "director.log.file-format: expected one of json, text, got \"xml\"")]
    [InlineData("director.history.provider = mysql", "director.history.provider: expected one of sqlite, postgresql, got \"mysql\"")]
    [InlineData("director.lb.backend = dpdk", "director.lb.backend: expected one of auto, nftables, ipvs, got \"dpdk\"")]
    [InlineData("director.lb.round-robin-counters = exact", "director.lb.round-robin-counters: expected one of shared, per-service, got \"exact\"")]
    [InlineData("director.lb.table-check-interval = 10ms", "director.lb.table-check-interval: expected a duration from 100ms to 60s (e.g. 2s, 500ms), got \"10ms\"")]
    [InlineData("director.log { level = loud }", "director.log.level: expected a log level (verbose, debug, info, warning, error, fatal), got \"loud\"")]
    [InlineData("director.log.overrides { Akka = chatty }", "director.log.overrides.Akka: expected a log level (verbose, debug, info, warning, error, fatal), got \"chatty\"")]
    [InlineData("director.management { enabled = maybe }", "director.management.enabled: expected on or off (true/false, yes/no), got \"maybe\"")]
    [InlineData("director.history.retention = 0", "director.history.retention: expected an integer from 1 to 2147483647, got \"0\"")]
    public void An_unknown_name_or_out_of_range_value(string line, string expected)
    {
        var file = Write("a.hocon", "director.node-name = lb1\n\n" + line + "\n");
        Assert.Equal($"{file}:3: {expected}", Error(file));
    }

    [Theory]
    [InlineData("director.management.port = 70000", "director.management.port: expected a port from 1 to 65535, got \"70000\"")]
    [InlineData("director.cluster.port = http", "director.cluster.port: expected a port from 1 to 65535, got \"http\"")]
    [InlineData("director.management.hostname = \"not a host!\"", "director.management.hostname: expected an IP address or host name, got \"not a host!\"")]
    public void A_bad_address_or_port(string line, string expected)
    {
        var file = Write("a.hocon", "director {\n}\n" + line + "\n");
        Assert.Equal($"{file}:3: {expected}", Error(file));
    }

    [Fact]
    public void A_bad_seed_node_names_its_element_and_line()
    {
        var file = Write("a.hocon", "director.cluster {\n  enabled = on\n  seed-nodes = [\n    \"akka.tcp://director@10.0.0.2:4053\"\n    \"10.0.0.3:4053\"\n  ]\n}\n");
        Assert.Equal($"{file}:5: director.cluster.seed-nodes[1]: expected an Akka address such as akka.tcp://director@10.0.0.2:4053, got \"10.0.0.3:4053\"", Error(file));
    }

    [Fact]
    public void With_layered_files_the_last_file_that_sets_the_key_is_named()
    {
        var first = Write("first.hocon", "director.management.port = 9000\ndirector.log.file-format = xml\n");
        var second = Write("second.hocon", "director.node-name = lb1\n\ndirector.management.port = -1\n");
        Assert.Equal($"{second}:3: director.management.port: expected a port from 1 to 65535, got \"-1\"", Error(first, second));
        Assert.StartsWith($"{first}:2: director.log.file-format: ", Error(second, first), StringComparison.Ordinal);
        var fixedLater = Write("third.hocon", "director.log { file-format = text }\n");
        Assert.Equal(9000, OpsSettings.Load([first, fixedLater]).Management.Port);
    }

    [Fact]
    public void An_unbalanced_brace_is_a_syntax_error_with_file_and_line()
    {
        var file = Write("a.hocon", "director {\n  management {\n    port = 9000\n  }\n");
        Assert.Equal($"{file}:1: HOCON syntax error at column 10: '{{' is never closed", Error(file));
        var closing = Write("b.hocon", "director.management.port = 9000\n}\n");
        Assert.Equal($"{closing}:2: HOCON syntax error at column 1: '}}' closes nothing", Error(closing));
    }

    [Fact]
    public void An_unresolved_substitution_names_its_line()
    {
        var file = Write("a.hocon", "director.node-name = lb1\ndirector.management.port = ${director.base-port}\n");
        Assert.Equal($"{file}:2: Unresolved substitution: director.base-port", Error(file));
    }

    [Theory]
    [InlineData("director.log = 5")]
    [InlineData("director.cluster = [1, 2]")]
    [InlineData("director.log.overrides = warning")]
    [InlineData("director.log.overrides { Akka { x = 1 } }")]
    [InlineData("director.management.port = { a = 1 }")]
    [InlineData("director.cluster.seed-nodes = akka")]
    public void A_value_of_the_wrong_shape_is_a_settings_error_with_its_line(string line)
    {
        var file = Write("a.hocon", "\n" + line + "\n");
        Assert.StartsWith($"{file}:2: director.", Error(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Good_values_in_every_checked_form_load()
    {
        var file = Write("a.hocon", """
            director {
              cluster { hostname = "::1", port = 4054, query-timeout = 500ms, seed-nodes = ["akka.tcp://director@[::1]:4054"] }
              management { hostname = lb1.example.org, port = 9000 }
              log { level = warn, file-format = TEXT, overrides { "Akka.Remote" = error } }
              lb { backend = IPVS, rebalance-interval = 250ms, dr-ingress-device = eth0, round-robin-counters = shared }
            }
            """);
        var ops = OpsSettings.Load([file]);
        Assert.Equal(TimeSpan.FromMilliseconds(500), ops.Cluster.QueryTimeout);
        Assert.Equal("lb1.example.org", ops.Management.Hostname);
        Assert.Equal(LogFileFormat.Text, ops.Log.FileFormat);
        Assert.Equal(Serilog.Events.LogEventLevel.Error, ops.Log.Overrides["Akka.Remote"]);
        Assert.Equal(new LbSettings("ipvs", TimeSpan.FromMilliseconds(250), "eth0", null) { RoundRobinCounters = "shared" }, ops.Lb);
        Assert.Contains("director.lb.rebalance-interval = 250ms", ops.Lb.ToHocon(), StringComparison.Ordinal);
        Assert.Contains("director.lb.round-robin-counters = shared", ops.Lb.ToHocon(), StringComparison.Ordinal);
    }
}
