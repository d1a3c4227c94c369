using Director.Host.CommandLine;
using Director.Host.Tests.Commands;

namespace Director.Host.Tests.CommandLine;

public sealed class HistoryOptionsTests
{
    [Fact]
    public void History_takes_json_and_a_limit()
    {
        var options = CliParser.Parse(["history", "--json", "--limit", "20"]);
        Assert.Equal((CliVerb.History, true, 20), (options.Verb, options.Json, options.Limit));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("ten")]
    public void History_rejects_a_limit_that_is_not_a_positive_number(string limit) =>
        Assert.Throws<CliParseException>(() => CliParser.Parse(["history", "--limit", limit]));

    [Fact]
    public void Drain_undrain_and_weight_take_a_real_server_a_weight_and_a_virtual_server()
    {
        Assert.Equal(["10.0.1.2"], CliParser.Parse(["drain", "10.0.1.2"]).Arguments);
        var weight = CliParser.Parse(["weight", "10.0.1.2:80", "5", "--vs", "10.0.0.1:80"]);
        Assert.Equal((CliVerb.Weight, "10.0.0.1:80"), (weight.Verb, weight.VirtualServer));
        Assert.Equal(["10.0.1.2:80", "5"], weight.Arguments);
        Assert.Equal(CliVerb.Undrain, CliParser.Parse(["undrain", "[fd00::2]:80"]).Verb);
    }

    [Fact]
    public void Other_verbs_take_no_positional_words() =>
        Assert.Throws<CliParseException>(() => CliParser.Parse(["status", "10.0.1.2"]));

    [Fact]
    public void Missing_or_bad_arguments_are_usage_errors_before_any_request()
    {
        var drain = CliRun.Of("drain");
        Assert.Equal(2, drain.Exit);
        Assert.Contains("expects one real server", drain.Error, StringComparison.Ordinal);
        var weight = CliRun.Of("weight", "10.0.1.2", "heavy");
        Assert.Equal(2, weight.Exit);
        Assert.Contains("from 0 to 65535, got 'heavy'", weight.Error, StringComparison.Ordinal);
        var undrain = CliRun.Of("undrain", "rs2.example");
        Assert.Equal(2, undrain.Exit);
        Assert.Contains("expects a real server as IP, IP:PORT or [IPv6]:PORT, got 'rs2.example'", undrain.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_endpoint_answering_history_and_drain_fail_with_a_message()
    {
        var history = CliRun.Of("history", "--endpoint", "http://127.0.0.1:1");
        Assert.Equal(1, history.Exit);
        Assert.Contains("cannot reach the management endpoint", history.Error, StringComparison.Ordinal);
        var drain = CliRun.Of("drain", "10.0.1.2", "--endpoint", "http://127.0.0.1:1");
        Assert.Equal(1, drain.Exit);
    }
}
