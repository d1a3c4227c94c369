using static Director.Core.Tests.Config.Syntax.SyntaxTestHelpers;

namespace Director.Core.Tests.Config.Syntax;

public class ConditionSyntaxTests
{
    private const string Example =
        "global_defs {\n" +
        "    @main   router_id main_router\n" +
        "    @backup router_id backup_router\n" +
        "}\n" +
        "unicast_peer {\n" +
        "    @^main    1.2.3.4\n" +
        "    @^backup  1.2.3.5\n" +
        "    @^backup2 1.2.3.6\n" +
        "}\n";

    [Fact]
    public void Lines_for_the_config_id_are_kept()
    {
        var nodes = ParseClean(Example, Options("main"));
        Assert.Equal(["router_id main_router"], Lines(nodes[0].Children));
        Assert.Equal(["1.2.3.5", "1.2.3.6"], Lines(nodes[1].Children));
    }

    [Fact]
    public void Other_config_id_keeps_other_lines()
    {
        var nodes = ParseClean(Example, Options("backup"));
        Assert.Equal(["router_id backup_router"], Lines(nodes[0].Children));
        Assert.Equal(["1.2.3.4", "1.2.3.6"], Lines(nodes[1].Children));
    }

    [Fact]
    public void Unknown_config_id_keeps_no_positive_line()
    {
        var nodes = ParseClean(Example, Options("elsewhere"));
        Assert.Empty(nodes[0].Children);
        Assert.Equal(3, nodes[1].Children.Count);
    }

    [Fact]
    public void Id_must_match_exactly_and_be_followed_by_a_blank()
    {
        var nodes = ParseClean(Text("@mai x1", "@mainx x2", "@main", "@main\tx3", "@^main", "@^ x4"), Options("main"));
        // "@^ x4": the empty id never equals the config id, so the negated line is kept.
        Assert.Equal(["x3", "x4"], Lines(nodes));
    }

    [Fact]
    public void Condition_can_guard_a_block_opening_line()
    {
        var nodes = ParseClean(Text("@main vrrp_instance A {", "}", "@^main vrrp_instance B { }"), Options("main"));
        Assert.Equal("vrrp_instance A {\n}", Show(nodes));
    }

    [Fact]
    public void Condition_drops_the_whole_line_including_its_braces()
    {
        var tree = Parse(Text("@other vrrp_instance B {", "  priority 1", "}"), Options("main"));
        Assert.Equal([$"{FileName}:3: error: unexpected '}}'"], Messages(tree));
        Assert.Equal(["priority 1"], Lines(tree.Nodes));
    }
}
