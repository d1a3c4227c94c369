using System.Text;
using Director.Core.Config.Syntax;
using static Director.Core.Tests.Config.Syntax.SyntaxTestHelpers;

namespace Director.Core.Tests.Config.Syntax;

public class SyntaxWriterTests
{
    private static readonly SourceLocation At = new("test", 1);

    private static ConfigNode Leaf(params string[] words) => new(words[0], words[1..], [], At, false);

    private static ConfigNode Block(string[] words, params ConfigNode[] children) => new(words[0], words[1..], children, At, true);

    [Fact]
    public void Writes_canonical_indented_configuration()
    {
        var nodes = ParseClean(Text(
            "global_defs { router_id r1 }",
            "vrrp_instance VI_1",
            "{",
            "  state   MASTER",
            "  virtual_ipaddress {",
            "  10.0.0.1/24 dev eth0",
            "  }",
            "  track_script {",
            "  }",
            "}"));
        Assert.Equal(
            "global_defs {\n" +
            "    router_id r1\n" +
            "}\n" +
            "vrrp_instance VI_1 {\n" +
            "    state MASTER\n" +
            "    virtual_ipaddress {\n" +
            "        10.0.0.1/24 dev eth0\n" +
            "    }\n" +
            "    track_script {\n" +
            "    }\n" +
            "}\n",
            SyntaxWriter.Write(Parse(SyntaxWriter.Write(nodes))));
    }

    [Fact]
    public void Writes_the_effective_configuration()
    {
        var tree = Parse(Text(
            "$IF=eth0",
            "@main router_id main",
            "@^main router_id other",
            "~SEQ(N, 1, 2) ip 10.0.0.$N dev $IF"));
        Assert.Equal("router_id main\nip 10.0.0.1 dev eth0\nip 10.0.0.2 dev eth0\n", SyntaxWriter.Write(tree));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("10.0.0.1/24", "10.0.0.1/24")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("", "\"\"")]
    [InlineData("a#b", "\"a#b\"")]
    [InlineData("a!b", "\"a!b\"")]
    [InlineData("{", "\"{\"")]
    [InlineData("a}", "\"a}\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("say \"hi\"", "\"say \\042hi\\042\"")]
    [InlineData("$HOME", "\"\\044HOME\"")]
    [InlineData("c:\\x", "\"c:\\\\x\"")]
    [InlineData("tab\there", "\"tab\\011here\"")]
    [InlineData("@main", "\"@main\"")]
    [InlineData("~SEQ(x)", "\"~SEQ(x)\"")]
    [InlineData("mid@and~", "mid@and~")]
    public void Quotes_words_only_when_needed(string word, string written)
    {
        var sb = new StringBuilder();
        SyntaxWriter.AppendWord(sb, word);
        Assert.Equal(written, sb.ToString());
    }

    [Fact]
    public void Include_keyword_with_arguments_is_quoted_so_it_is_not_followed()
    {
        Assert.Equal("\"include\" x.conf\ninclude\n", SyntaxWriter.Write([Leaf("include", "x.conf"), Leaf("include")]));
    }

    [Fact]
    public void Output_reparses_to_the_same_nodes()
    {
        var nodes = new[]
        {
            Block(["global_defs"], Leaf("router_id", "r 1"), Leaf("notification_email_from", "a@b")),
            Leaf("$X=1"),
            Leaf("@main", "x"),
            Leaf("~LST(a,", "b)"),
            Leaf("include", "/etc/passwd"),
            Leaf("includea", "x"),
            Block(["vrrp_script", "chk"], Leaf("script", "/bin/sh -c 'test -f /x' # \"$HOME\" ${_PWD} !"), Block(["empty"])),
            Block(["a{b}", "c d"], Block(["nested"], Leaf("\\", "'", "\"", "\n\t\r\u0001"))),
            Leaf("x", "", "\\x41", "\\101", "\\cA", "é"),
        };
        AssertRoundTrip(nodes);
    }

    [Fact]
    public void Random_words_round_trip()
    {
        const string alphabet = "ab1 \t\"'\\{}#!$@~,()=.-_/\n\r\u0001é";
        var random = new Random(1234);
        string Word()
        {
            var chars = new char[random.Next(0, 8)];
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            return new string(chars);
        }
        ConfigNode Node(int depth)
        {
            var words = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Word()).ToArray();
            if (depth >= 3 || random.Next(3) != 0) return Leaf(words);
            return Block(words, Enumerable.Range(0, random.Next(0, 4)).Select(_ => Node(depth + 1)).ToArray());
        }
        for (var round = 0; round < 200; round++)
            AssertRoundTrip(Enumerable.Range(0, random.Next(1, 5)).Select(_ => Node(0)).ToArray());
    }

    private static void AssertRoundTrip(IReadOnlyList<ConfigNode> nodes)
    {
        var written = SyntaxWriter.Write(nodes);
        var reread = Parse(written);
        Assert.Empty(Messages(reread));
        Assert.Equal(Describe(nodes), Describe(reread.Nodes));
    }

    // Words are shown with their exact characters so any difference shows up.
    private static string Describe(IEnumerable<ConfigNode> nodes) =>
        string.Join("|", nodes.Select(n =>
            "[" + string.Join(",", n.Words.Select(w => string.Join("", w.Select(c => ((int)c).ToString("x") + ".")))) + "]" +
            (n.HasBlock ? "{" + Describe(n.Children) + "}" : "")));
}
