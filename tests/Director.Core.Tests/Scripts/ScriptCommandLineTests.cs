using Director.Core.Scripts;

namespace Director.Core.Tests.Scripts;

public class ScriptCommandLineTests
{
    [Theory]
    [InlineData("/bin/true", "/bin/true", new string[0])]
    [InlineData("  killall  -0   haproxy ", "killall", new[] { "-0", "haproxy" })]
    [InlineData("/usr/bin/check \"a b\" c", "/usr/bin/check", new[] { "a b", "c" })]
    [InlineData("/x 'it is' \"q\\\"d\"", "/x", new[] { "it is", "q\"d" })]
    [InlineData("/x a\\ b", "/x", new[] { "a b" })]
    [InlineData("/x pre'fix 'post", "/x", new[] { "prefix post" })]
    [InlineData("/x ''", "/x", new[] { "" })]
    public void Splits_like_keepalived(string line, string program, string[] args)
    {
        var parsed = ScriptCommandLine.Parse(line);
        Assert.Equal(program, parsed.Program);
        Assert.Equal(args, parsed.Arguments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/x 'open")]
    public void Rejects_empty_or_unterminated(string line) =>
        Assert.Throws<FormatException>(() => ScriptCommandLine.Parse(line));

    [Fact]
    public void Equality_is_by_value() =>
        Assert.Equal(ScriptCommandLine.Parse("a b c"), ScriptCommandLine.Parse("a  b c"));
}
