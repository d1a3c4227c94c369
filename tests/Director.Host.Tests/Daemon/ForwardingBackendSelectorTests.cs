using Director.Host.CommandLine;
using Director.Host.Daemon;

namespace Director.Host.Tests.Daemon;

public class ForwardingBackendSelectorTests
{
    private static (bool, string) Has() => (true, "family IPVS has id 30");

    private static (bool, string) HasNot() => (false, "no family IPVS");

    [Fact]
    public void Auto_takes_ipvs_when_the_kernel_has_it_else_nftables()
    {
        Assert.Equal(ForwardingBackendKind.Ipvs, ForwardingBackendSelector.Choose("auto", Has).Kind);
        var fallback = ForwardingBackendSelector.Choose(null, HasNot);
        Assert.Equal(ForwardingBackendKind.Nftables, fallback.Kind);
        Assert.Contains("no family IPVS", fallback.Reason);
    }

    [Fact]
    public void A_forced_backend_does_not_probe()
    {
        Func<(bool, string)> probe = () => throw new InvalidOperationException("must not probe");
        Assert.Equal(ForwardingBackendKind.Nftables, ForwardingBackendSelector.Choose("nftables", probe).Kind);
        Assert.Equal(ForwardingBackendKind.Ipvs, ForwardingBackendSelector.Choose("IPVS", probe).Kind);
    }

    [Fact]
    public void An_unknown_backend_is_refused() =>
        Assert.Throws<ArgumentException>(() => ForwardingBackendSelector.Choose("lvs", Has));

    [Fact]
    public void Command_line_sets_the_backend_and_dont_release_ipvs()
    {
        var settings = DaemonSettings.From(CliParser.Parse(["run", "--lb-backend=nftables", "-I"]));
        Assert.Equal("nftables", settings.LbBackend);
        Assert.True(settings.DontReleaseIpvs);
        Assert.Null(DaemonSettings.From(CliParser.Parse(["run"])).LbBackend);
        Assert.Throws<CliParseException>(() => CliParser.Parse(["--lb-backend", "lvs"]));
    }
}
