using Director.Core.Config.Syntax;
using static Director.Core.Tests.Config.Syntax.SyntaxTestHelpers;

namespace Director.Core.Tests.Config.Syntax;

public sealed class IncludeSyntaxTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private SyntaxTree ParseMain(params string[] lines) =>
        KeepalivedSyntax.ParseFile(_dir.Write("keepalived.conf", Text(lines)), Options());

    private string P(string relative) => Path.Combine(_dir.Path, relative);

    [Fact]
    public void Included_lines_carry_their_own_file_and_line()
    {
        _dir.Write("conf.d/vrrp.conf", Text("", "vrrp_instance VI_1 {", "    priority 100", "}"));
        var tree = ParseMain("global_defs {", "}", "include conf.d/vrrp.conf", "after 1");
        Assert.Empty(Messages(tree));
        Assert.Equal(["global_defs", "vrrp_instance VI_1", "after 1"], Lines(tree.Nodes));
        Assert.Equal(new SourceLocation(P("conf.d/vrrp.conf"), 2), tree.Nodes[1].Location);
        Assert.Equal(new SourceLocation(P("conf.d/vrrp.conf"), 3), tree.Nodes[1].Children[0].Location);
        Assert.Equal(new SourceLocation(P("keepalived.conf"), 4), tree.Nodes[2].Location);
    }

    [Fact]
    public void Include_inside_a_block_adds_lines_to_that_block()
    {
        _dir.Write("peers.conf", "10.0.0.2\n10.0.0.3\n");
        var tree = ParseMain("unicast_peer {", "    include peers.conf", "}");
        Assert.Empty(Messages(tree));
        Assert.Equal(["10.0.0.2", "10.0.0.3"], Lines(tree.Nodes[0].Children));
    }

    [Fact]
    public void Nested_includes_are_relative_to_the_including_file()
    {
        _dir.Write("a/one.conf", "include sub/two.conf\nin_one\n");
        _dir.Write("a/sub/two.conf", "in_two ${_PWD}\n");
        var tree = ParseMain("include a/one.conf", "top ${_PWD}");
        Assert.Empty(Messages(tree));
        Assert.Equal([$"in_two {P("a/sub")}", "in_one", $"top {_dir.Path}"], Lines(tree.Nodes));
    }

    [Fact]
    public void Absolute_include_path()
    {
        _dir.Write("x/abs.conf", "abs\n");
        Assert.Equal(["abs"], Lines(ParseMain($"include {P("x/abs.conf")}").Nodes));
    }

    [Fact]
    public void Glob_matches_are_read_in_sorted_order_and_skip_hidden_files_and_directories()
    {
        _dir.Write("conf.d/b.conf", "b\n");
        _dir.Write("conf.d/a.conf", "a\n");
        _dir.Write("conf.d/c.txt", "c\n");
        _dir.Write("conf.d/.hidden.conf", "hidden\n");
        Directory.CreateDirectory(P("conf.d/dir.conf"));
        var tree = ParseMain("include conf.d/*.conf");
        Assert.Equal(["a", "b"], Lines(tree.Nodes));
        Assert.Equal([$"{P("keepalived.conf")}:1: warning: included '{P("conf.d/dir.conf")}' is a directory - skipped"], Messages(tree));
    }

    [Theory]
    [InlineData("include n?.conf", new[] { "1", "2", "3x" })]
    [InlineData("include n[13].conf", new[] { "1", "3x" })]
    [InlineData("include n[^1].conf", new[] { "2", "3x" })]
    [InlineData("include n[\\!1].conf", new[] { "2", "3x" })] // a bare '!' would start a comment
    [InlineData("include n[1-2].conf", new[] { "1", "2" })]
    [InlineData("include */deep.conf", new[] { "deep" })]
    public void Glob_wildcards(string line, string[] expected)
    {
        _dir.Write("n1.conf", "1\n");
        _dir.Write("n2.conf", "2\n");
        _dir.Write("n3.conf", "3x\n");
        _dir.Write("d/deep.conf", "deep\n");
        var tree = ParseMain(line);
        Assert.Empty(Messages(tree));
        Assert.Equal(expected, Lines(tree.Nodes));
    }

    [Fact]
    public void Bang_in_a_pattern_starts_a_comment_like_in_keepalived()
    {
        _dir.Write("n1.conf", "1\n");
        var tree = ParseMain("include n[!1].conf");
        Assert.Empty(tree.Nodes); // the pattern read is "n["
    }

    [Fact]
    public void Brace_expansion_keeps_alternative_order()
    {
        _dir.Write("z.conf", "z\n");
        _dir.Write("a.conf", "a\n");
        _dir.Write("sub/m.conf", "m\n");
        var tree = ParseMain("include {z,a,sub/{m}}.conf");
        Assert.Empty(Messages(tree));
        Assert.Equal(["z", "a", "m"], Lines(tree.Nodes));
    }

    [Fact]
    public void Missing_file_is_a_warning_for_plain_include()
    {
        var tree = ParseMain("include missing.conf", "after");
        Assert.Equal([$"{P("keepalived.conf")}:1: warning: included file 'missing.conf' not found"], Messages(tree));
        Assert.False(tree.HasErrors);
        Assert.Equal(["after"], Lines(tree.Nodes));
    }

    [Fact]
    public void Wildcard_matching_nothing_is_silent_for_plain_include()
    {
        Directory.CreateDirectory(P("conf.d"));
        Assert.Empty(Messages(ParseMain("include conf.d/*.conf")));
    }

    [Theory]
    [InlineData("includer missing.conf", "warning: included file 'missing.conf' not found")]
    [InlineData("includem missing.conf", "error: included file 'missing.conf' not found")]
    [InlineData("includew missing.conf", "error: included file 'missing.conf' not found")]
    [InlineData("includea missing.conf", "error: included file 'missing.conf' not found")]
    [InlineData("includeb missing.conf", "warning: included file 'missing.conf' not found")]
    [InlineData("includem empty/*.conf", null)]
    [InlineData("includew empty/*.conf", "error: no file matches included pattern 'empty/*.conf'")]
    [InlineData("includea empty/*.conf", "error: no file matches included pattern 'empty/*.conf'")]
    [InlineData("includem nodir/*.conf", "error: included file 'nodir/*.conf' not found")]
    [InlineData("includem {x,y}.conf", "warning: included file '{x,y}.conf' not found")]
    [InlineData("includeb {x,y}.conf", "error: included file '{x,y}.conf' not found")]
    [InlineData("include {present,y}.conf", "warning: some files of included pattern '{present,y}.conf' are missing")]
    [InlineData("includeb {present,y}.conf", "error: some files of included pattern '{present,y}.conf' are missing")]
    [InlineData("includer sub", "error: included 'SUB' is a directory - skipped")]
    [InlineData("includer script.conf", "error: included 'SCRIPT' is not a regular non-executable file - skipped")]
    [InlineData("include script.conf", "warning: included 'SCRIPT' is not a regular non-executable file - skipped")]
    public void Strict_include_variants(string line, string? expected)
    {
        Directory.CreateDirectory(P("empty"));
        Directory.CreateDirectory(P("sub"));
        _dir.Write("present.conf", "present\n");
        var script = _dir.Write("script.conf", "script\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tree = ParseMain(line);
        var messages = expected is null
            ? Array.Empty<string>()
            : [$"{P("keepalived.conf")}:1: {expected.Replace("SUB", P("sub")).Replace("SCRIPT", script)}"];
        Assert.Equal(messages, Messages(tree));
        // With includeb a partly missing brace pattern includes nothing; plain include reads what exists.
        Assert.Equal(line == "include {present,y}.conf" ? ["present"] : [], Lines(tree.Nodes));
    }

    [Fact]
    public void Include_loop_is_an_error()
    {
        _dir.Write("a.conf", "in_a\ninclude b.conf\n");
        _dir.Write("b.conf", "in_b\ninclude a.conf\n");
        var tree = ParseMain("include a.conf", "after");
        Assert.Equal([$"{P("b.conf")}:2: error: include loop: '{P("a.conf")}' is already being read"], Messages(tree));
        Assert.Equal(["in_a", "in_b", "after"], Lines(tree.Nodes));
    }

    [Fact]
    public void File_including_itself_is_a_loop()
    {
        var tree = ParseMain("include keepalived.conf");
        Assert.Equal([$"{P("keepalived.conf")}:1: error: include loop: '{P("keepalived.conf")}' is already being read"], Messages(tree));
    }

    [Fact]
    public void Include_after_a_brace_takes_the_rest_of_the_line_as_pattern_like_keepalived()
    {
        // keepalived 2.2.7: "blk { include inc1.conf }" -> "Config files missing 'inc1.conf }'."
        // and the block stays open.
        _dir.Write("inc1.conf", "x\n");
        var tree = ParseMain("blk { include inc1.conf }");
        Assert.Equal(
            [
                $"{P("keepalived.conf")}:1: warning: included file 'inc1.conf }}' not found",
                $"{P("keepalived.conf")}:1: error: 'blk' block opened here is not closed: expected '}}'",
            ],
            Messages(tree));
    }

    [Fact]
    public void Include_nesting_is_bounded()
    {
        for (var i = 0; i < 70; i++) _dir.Write($"n{i}.conf", $"level{i}\ninclude n{i + 1}.conf\n");
        var tree = ParseMain("include n0.conf");
        Assert.Equal(
            [$"{P("n62.conf")}:2: error: includes nested more than 64 deep at '{P("n63.conf")}'"],
            Messages(tree));
        Assert.Equal(63, tree.Nodes.Count);
    }

    [Fact]
    public void Same_file_included_twice_in_sequence_is_not_a_loop()
    {
        _dir.Write("x.conf", "x\n");
        var tree = ParseMain("include x.conf", "include x.conf");
        Assert.Empty(Messages(tree));
        Assert.Equal(["x", "x"], Lines(tree.Nodes));
    }

    [Fact]
    public void Include_without_pattern_is_an_ordinary_word()
    {
        var tree = ParseMain("include  ", "include");
        Assert.Equal(["include", "include"], Lines(tree.Nodes));
        Assert.Empty(Messages(tree));
    }

    [Fact]
    public void Errors_in_included_files_name_that_file()
    {
        _dir.Write("bad.conf", "ok\n}\nx \"open\n");
        var tree = ParseMain("include bad.conf");
        Assert.Equal(
            [$"{P("bad.conf")}:2: error: unexpected '}}'", $"{P("bad.conf")}:3: error: missing terminating \" in: x \"open"],
            Messages(tree));
    }

    [Fact]
    public void Block_opened_in_one_file_may_close_in_another()
    {
        _dir.Write("open.conf", "vrrp_instance A {\n");
        _dir.Write("close.conf", "  priority 1\n}\n");
        var tree = ParseMain("include open.conf", "include close.conf");
        Assert.Empty(Messages(tree));
        Assert.Equal("vrrp_instance A {\n  priority 1\n}", Show(tree.Nodes));
    }

    [Fact]
    public void Definitions_made_in_an_included_file_stay_defined()
    {
        _dir.Write("defs.conf", "$PRIO=150\n");
        Assert.Equal(["priority 150"], Lines(ParseMain("include defs.conf", "priority $PRIO").Nodes));
    }

    [Fact]
    public void Missing_main_file_is_an_error()
    {
        var tree = KeepalivedSyntax.ParseFile(P("nope.conf"), Options());
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.True(diagnostic.IsError);
        Assert.StartsWith($"{P("nope.conf")}: error: cannot read configuration file: ", diagnostic.ToString());
    }

    [Fact]
    public void ParseText_resolves_includes_from_the_base_directory()
    {
        _dir.Write("part.conf", "part\n");
        var tree = KeepalivedSyntax.ParseText("include part.conf\n", "inline.conf", Options(), _dir.Path);
        Assert.Empty(Messages(tree));
        Assert.Equal(["part"], Lines(tree.Nodes));
    }
}
