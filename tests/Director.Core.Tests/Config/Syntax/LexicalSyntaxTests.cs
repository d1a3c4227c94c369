using static Director.Core.Tests.Config.Syntax.SyntaxTestHelpers;

namespace Director.Core.Tests.Config.Syntax;

public class LexicalSyntaxTests
{
    [Theory]
    [InlineData("a b # comment", new[] { "a", "b" })]
    [InlineData("a b ! comment", new[] { "a", "b" })]
    [InlineData("a b#comment", new[] { "a", "b" })]
    [InlineData("a \"b # not comment\" c", new[] { "a", "b # not comment", "c" })]
    [InlineData("a \\#b \\!c", new[] { "a", "#b", "!c" })]
    [InlineData("a 'b c' # single quotes do not protect comments from keepalived", new[] { "a", "b c" })]
    public void Comments(string line, string[] words)
    {
        var node = Assert.Single(ParseClean(line + "\n"));
        Assert.Equal(words, node.Words);
    }

    [Fact]
    public void Comment_only_and_blank_lines_are_skipped()
    {
        Assert.Empty(ParseClean("# a\n! b\n   \n\t# c\n"));
    }

    [Theory]
    [InlineData("x \"a b\"", new[] { "x", "a b" })]
    [InlineData("x 'a b'", new[] { "x", "a b" })]
    [InlineData("x abcd\" efg h jkl \"mnop", new[] { "x", "abcd efg h jkl mnop" })]
    [InlineData("x abcd \"efg h jkl\" mnop", new[] { "x", "abcd", "efg h jkl", "mnop" })]
    [InlineData("x \"it's\" 'say \"hi\"'", new[] { "x", "it's", "say \"hi\"" })]
    [InlineData("x \"\"", new[] { "x", "" })]
    [InlineData("x\t  y", new[] { "x", "y" })]
    public void Quoting_and_joining(string line, string[] words)
    {
        Assert.Equal(words, Assert.Single(ParseClean(line + "\n")).Words);
    }

    [Theory]
    [InlineData(@"x ""a\tb""", "a\tb")]
    [InlineData(@"x ""a\nb""", "a\nb")]
    [InlineData(@"x ""\a\b\E\f\r\v""", "\a\b\u001B\f\r\v")]
    [InlineData(@"x ""\101\60\0""", "A0\0")]
    [InlineData(@"x ""\x41\x4a""", "AJ")]
    [InlineData(@"x ""\x4142""", "B")] // all hex digits are taken, keeping the low byte like a C char
    [InlineData(@"x ""\cA""", "\u0001")]
    [InlineData(@"x ""\"" \\ \q""", "\" \\ q")]
    [InlineData(@"x a\ b", "a b")]
    [InlineData(@"x '\x41'", "A")]
    public void Escapes(string line, string word)
    {
        Assert.Equal(word, Assert.Single(ParseClean(line + "\n")).Arguments[0]);
    }

    [Fact]
    public void Unterminated_quotes_are_errors_and_the_line_is_dropped()
    {
        var tree = Parse(Text("a \"b c", "d 'e", "f"));
        Assert.Equal(
            [
                $"{FileName}:1: error: missing terminating \" in: a \"b c",
                $"{FileName}:2: error: missing terminating ' in: d 'e",
            ],
            Messages(tree));
        Assert.Equal(["f"], Lines(tree.Nodes));
    }

    [Fact]
    public void Trailing_backslash_outside_a_definition_is_an_error()
    {
        var tree = Parse("a b \\\nc\n");
        Assert.Equal([$"{FileName}:1: error: '\\' at the end of the line escapes nothing"], Messages(tree));
        Assert.Equal(["c"], Lines(tree.Nodes));
    }
}
