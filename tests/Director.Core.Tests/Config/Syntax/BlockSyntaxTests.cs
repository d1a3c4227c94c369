using static Director.Core.Tests.Config.Syntax.SyntaxTestHelpers;

namespace Director.Core.Tests.Config.Syntax;

public class BlockSyntaxTests
{
    [Fact]
    public void Brace_on_keyword_line_opens_block()
    {
        var nodes = ParseClean(Text(
            "vrrp_instance VI_1 {",
            "    state MASTER",
            "    priority 100",
            "}"));
        Assert.Equal("vrrp_instance VI_1 {\n  state MASTER\n  priority 100\n}", Show(nodes));
        Assert.True(nodes[0].HasBlock);
        Assert.Equal(1, nodes[0].Location.Line);
        Assert.Equal(3, nodes[0].Children[1].Location.Line);
        Assert.Equal(FileName, nodes[0].Location.File);
    }

    [Fact]
    public void Brace_alone_on_next_line_opens_block_of_previous_line()
    {
        var nodes = ParseClean(Text(
            "vrrp_instance VI_1",
            "",
            "# comment",
            "{",
            "    state MASTER",
            "}"));
        Assert.Equal("vrrp_instance VI_1 {\n  state MASTER\n}", Show(nodes));
        Assert.Equal(1, nodes[0].Location.Line);
    }

    [Fact]
    public void Several_blocks_on_one_line()
    {
        var nodes = ParseClean("a { b { c 1 } d { } } e\n");
        Assert.Equal("a {\n  b {\n    c 1\n  }\n  d {\n  }\n}\ne", Show(nodes));
        Assert.All(nodes, n => Assert.Equal(1, n.Location.Line));
    }

    [Fact]
    public void Closing_brace_followed_by_text_starts_a_new_line()
    {
        // keepalived reports "Unknown keyword 'extra'" at top level for "router_id r1 } extra".
        var nodes = ParseClean("global_defs {\n  router_id r1 } extra\n");
        Assert.Equal("global_defs {\n  router_id r1\n}\nextra", Show(nodes));
    }

    [Fact]
    public void Several_keywords_on_one_line_inside_a_block_stay_one_line()
    {
        // Checked with keepalived 2.2.7 -t: "authentication { auth_type PASS auth_pass secret }"
        // gives no error at all; the line is split only at braces, so the handler of auth_type
        // gets the words "auth_type PASS auth_pass secret", uses PASS and ignores the rest: the
        // password is silently NOT set. Likewise "state MASTER interface lo" only sets the state.
        var nodes = ParseClean("vrrp_instance VI_1 {\n  authentication { auth_type PASS auth_pass secret }\n}\n");
        var auth = nodes[0].Children[0];
        Assert.Equal("authentication", auth.Keyword);
        var only = Assert.Single(auth.Children);
        Assert.Equal("auth_type", only.Keyword);
        Assert.Equal(["PASS", "auth_pass", "secret"], only.Arguments);
    }

    [Fact]
    public void Value_block_on_one_line_is_one_node()
    {
        // keepalived 2.2.7 -t: "Unknown configuration entry '10.9.9.2/32' for ip address".
        var nodes = ParseClean("virtual_ipaddress { 10.9.9.1/32 10.9.9.2/32\n}\n");
        var line = Assert.Single(nodes[0].Children);
        Assert.Equal("10.9.9.1/32", line.Keyword);
        Assert.Equal(["10.9.9.2/32"], line.Arguments);
    }

    [Fact]
    public void Brace_inside_double_quotes_does_not_split()
    {
        var nodes = ParseClean("notify \"/bin/x {a}\" {\n  b\n}\n");
        Assert.Equal(["notify", "/bin/x {a}"], nodes[0].Words);
        Assert.True(nodes[0].HasBlock);
    }

    [Fact]
    public void Brace_inside_single_quotes_splits_like_keepalived()
    {
        // keepalived only protects braces with double quotes: the line splits into "x 'a", "{"
        // and "b'", so both quotes are unterminated and the block has no keyword left.
        var tree = Parse("x 'a{b'\n");
        Assert.Equal(
            [
                $"{FileName}:1: error: missing terminating ' in: x 'a",
                $"{FileName}:1: error: unexpected '{{': a block must follow a keyword",
                $"{FileName}:1: error: missing terminating ' in: b'",
                $"{FileName}:1: error: '{{' opened here is not closed: expected '}}'",
            ],
            Messages(tree));
    }

    [Fact]
    public void Empty_block_has_block_and_no_children()
    {
        var node = Assert.Single(ParseClean("static_ipaddress {\n}\n"));
        Assert.True(node.HasBlock);
        Assert.Empty(node.Children);
    }

    [Fact]
    public void Surplus_closing_brace_is_an_error_and_parsing_goes_on()
    {
        var tree = Parse(Text("a {", "}", "}", "b", "}"));
        Assert.Equal(
            [$"{FileName}:3: error: unexpected '}}'", $"{FileName}:5: error: unexpected '}}'"],
            Messages(tree));
        Assert.Equal(["a", "b"], Lines(tree.Nodes));
    }

    [Fact]
    public void Unclosed_blocks_are_errors_naming_the_opening_lines()
    {
        var tree = Parse(Text("global_defs {", "}", "vrrp_instance VI_1 {", "  virtual_ipaddress {", "    10.0.0.1"));
        Assert.Equal(
            [
                $"{FileName}:4: error: 'virtual_ipaddress' block opened here is not closed: expected '}}'",
                $"{FileName}:3: error: 'vrrp_instance' block opened here is not closed: expected '}}'",
            ],
            Messages(tree));
        Assert.Equal("global_defs {\n}\nvrrp_instance VI_1 {\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}", Show(tree.Nodes));
    }

    [Fact]
    public void Brace_without_keyword_is_an_error()
    {
        var tree = Parse(Text("{", "  a", "}", "b { } {", "}"));
        Assert.Equal(
            [
                $"{FileName}:1: error: unexpected '{{': a block must follow a keyword",
                $"{FileName}:4: error: unexpected '{{': a block must follow a keyword",
            ],
            Messages(tree));
        Assert.Equal("a\nb {\n}", Show(tree.Nodes));
    }

    [Fact]
    public void Crlf_line_ends_and_tabs_are_accepted()
    {
        var nodes = ParseClean("a\t{\r\n\tb\t1\r\n}\r\n");
        Assert.Equal("a {\n  b 1\n}", Show(nodes));
    }
}
