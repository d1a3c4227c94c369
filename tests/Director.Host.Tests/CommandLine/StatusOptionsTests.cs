using Director.Host.CommandLine;
using Director.Host.Commands;

namespace Director.Host.Tests.CommandLine;

public sealed class StatusOptionsTests
{
    [Fact]
    public void Status_takes_json_and_an_endpoint()
    {
        var options = CliParser.Parse(["status", "--json", "--endpoint", "http://10.0.0.2:9000"]);

        Assert.Equal(CliVerb.Status, options.Verb);
        Assert.True(options.Json);
        Assert.Equal("http://10.0.0.2:9000", options.Endpoint);
    }

    [Fact]
    public void Run_takes_a_settings_file()
    {
        var options = CliParser.Parse(["run", "-f", "k.conf", "--settings=/etc/director/director.hocon"]);

        Assert.Equal("/etc/director/director.hocon", options.SettingsFile);
    }

    [Fact]
    public void Status_without_an_endpoint_answering_fails_with_a_message()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var code = DirectorCli.Run(["status", "--endpoint", "http://127.0.0.1:1"], new CommandContext(output, errors));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("cannot reach the management endpoint at http://127.0.0.1:1", errors.ToString());
        Assert.Empty(output.ToString());
    }
}
