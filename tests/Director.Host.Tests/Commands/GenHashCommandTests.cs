using Director.Host.Commands;

namespace Director.Host.Tests.Commands;

public class GenHashCommandTests
{
    [Fact]
    public void Genhash_keeps_keepalived_options_and_prints_its_usage()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        DirectorCli.Run(["genhash", "-h"], new CommandContext(output, error));
        Assert.Contains("-s server-address -p port -u url", output.ToString() + error.ToString());
    }
}
