using Director.Host.CommandLine;

namespace Director.Host.Tests.CommandLine;

public class CliParserTests
{
    [Fact]
    public void No_arguments_runs_with_keepalived_default_file()
    {
        var options = CliParser.Parse([]);
        Assert.Equal(CliVerb.Run, options.Verb);
        Assert.Equal("/etc/keepalived/keepalived.conf", options.ConfigFile);
    }

    [Theory]
    [InlineData("-t", "-f", "a.conf")]
    [InlineData("--config-test", "--use-file", "a.conf")]
    [InlineData("--config-test", "--use-file=a.conf")]
    [InlineData("check-config", "-f", "a.conf")]
    public void Keepalived_config_test_form_is_check_config(params string[] args)
    {
        var options = CliParser.Parse(args);
        Assert.Equal(CliVerb.CheckConfig, options.Verb);
        Assert.Equal("a.conf", options.ConfigFile);
    }

    [Fact]
    public void Keepalived_daemon_options_are_understood()
    {
        var options = CliParser.Parse(["-n", "-l", "-D", "-S", "3", "-P", "-V", "-p", "/run/d.pid", "-i", "lb1", "-f", "k.conf"]);
        Assert.Equal(CliVerb.Run, options.Verb);
        Assert.True(options.DontFork && options.LogConsole && options.LogDetail && options.VrrpOnly && options.DontReleaseVrrp);
        Assert.Equal("/run/d.pid", options.PidFile);
        Assert.Equal("lb1", options.ConfigId);
        Assert.Equal(3, options.LogFacility);
    }

    [Fact]
    public void Convert_takes_output_and_format()
    {
        var options = CliParser.Parse(["convert", "-f", "k.conf", "-o", "k.hocon", "--format", "keepalived"]);
        Assert.Equal(CliVerb.Convert, options.Verb);
        Assert.Equal("k.hocon", options.OutputFile);
        Assert.Equal(ConfigFormat.Keepalived, options.Format);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("-f")]
    [InlineData("--format", "xml")]
    [InlineData("-P", "-C")]
    [InlineData("-S", "8")]
    [InlineData("--log-facility", "local0")]
    public void Bad_command_lines_are_refused_with_a_reason(params string[] args)
    {
        var error = Assert.Throws<CliParseException>(() => CliParser.Parse(args));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
