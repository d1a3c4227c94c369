using static Director.Core.Tests.Config.Syntax.SyntaxTestHelpers;

namespace Director.Core.Tests.Config.Syntax;

public class GeneratorSyntaxTests
{
    [Theory]
    [InlineData("~SEQ(I, 0, 3) s_${I}", new[] { "s_0", "s_1", "s_2", "s_3" })]
    [InlineData("~SEQ(I, 3) s_${I}", new[] { "s_1", "s_2", "s_3" })]
    [InlineData("~SEQ(I, -2) s_${I}", new[] { "s_-1", "s_-2" })]
    [InlineData("~SEQ(I, 0) s_${I}", new[] { "s_1", "s_0" })]
    [InlineData("~SEQ(I, 3, 1) s_${I}", new[] { "s_3", "s_2", "s_1" })]
    [InlineData("~SEQ(I, 0, 5, 12) s_${I}", new[] { "s_0", "s_5", "s_10" })]
    [InlineData("~SEQ(I, 10, -4, 1) s_$I", new[] { "s_10", "s_6", "s_2" })]
    [InlineData("~SEQ( I ,0x10, 010 , 0x20 ) s_${I}", new[] { "s_16", "s_24", "s_32" })]
    [InlineData("~SEQx(H, 144, 16, 192) fe80::20:${H}:1", new[] { "fe80::20:90:1", "fe80::20:a0:1", "fe80::20:b0:1", "fe80::20:c0:1" })]
    [InlineData("~SEQx(H, 0x9, 0x3, 0xf) h_${H}", new[] { "h_9", "h_c", "h_f" })]
    public void Sequences(string line, string[] expected)
    {
        Assert.Equal(expected, Lines(ParseClean(line + "\n")));
    }

    [Fact]
    public void Sequence_parameters_may_use_definitions()
    {
        Assert.Equal(["n 1", "n 2"], Lines(ParseClean(Text("$LAST=2", "~SEQ(I, 1, $LAST) n $I"))));
    }

    [Theory]
    [InlineData("~LST(P, 1, 2, 3) p_${P}", new[] { "p_1", "p_2", "p_3" })]
    [InlineData("~LST({IP, IP1}, {10,1},{20,4},{5,6}) 192.168.${IP}.${IP1}", new[] { "192.168.10.1", "192.168.20.4", "192.168.5.6" })]
    [InlineData("~LST({A, B}, {1,2},{3}) l_${A}_${B}_x", new[] { "l_1_2_x", "l_3__x" })]
    public void Lists(string line, string[] expected)
    {
        Assert.Equal(expected, Lines(ParseClean(line + "\n")));
    }

    [Fact]
    public void Generators_nest_left_to_right()
    {
        // Checked with keepalived 2.2.7: n_1_1, n_1_2, n_2_1, n_2_2.
        Assert.Equal(["n_1_1", "n_1_2", "n_2_1", "n_2_2"], Lines(ParseClean("~LST(P, 1, 2) ~SEQ(Q, 2) n_${P}_${Q}\n")));
        Assert.Equal(
            ["192.168.10.1", "192.170.10.1", "192.168.20.4", "192.170.20.4"],
            Lines(ParseClean("~LST({IP, IP1}, {10,1},{20,4}) ~SEQ(IP2,168,2,170) 192.${IP2}.${IP}.${IP1}\n")));
    }

    [Fact]
    public void Generated_lines_can_open_blocks_and_expand_multiline_definitions()
    {
        var nodes = ParseClean(Text(
            "$VI= \\",
            "vrrp_instance v${ID} { \\",
            "    virtual_router_id ${ID} \\",
            "}",
            "",
            "~SEQ(ID, 1, 2) $VI",
            "virtual_ipaddress {",
            "    ~SEQ(N, 1, 2) 10.0.0.${N}",
            "}"));
        Assert.Equal(
            "vrrp_instance v1 {\n  virtual_router_id 1\n}\nvrrp_instance v2 {\n  virtual_router_id 2\n}\nvirtual_ipaddress {\n  10.0.0.1\n  10.0.0.2\n}",
            Show(nodes));
        Assert.All(nodes.Take(2), n => Assert.Equal(6, n.Location.Line));
        Assert.Equal(8, nodes[2].Children[1].Location.Line);
    }

    [Theory]
    [InlineData("~SEQ I, 1, 2) x", "invalid ~SEQ: expected '~SEQ(var, [start, [step,]] end) text' in '~SEQ I, 1, 2) x'")]
    [InlineData("~SEQ(, 1, 2) x", "invalid ~SEQ: expected '~SEQ(var, [start, [step,]] end) text' in '~SEQ(, 1, 2) x'")]
    [InlineData("~SEQ(I) x", "invalid ~SEQ: expected '~SEQ(var, [start, [step,]] end) text' in '~SEQ(I) x'")]
    [InlineData("~SEQ(I, 1, 2 x", "invalid ~SEQ: expected '~SEQ(var, [start, [step,]] end) text' in '~SEQ(I, 1, 2 x'")]
    [InlineData("~SEQ(I, a) x", "invalid ~SEQ: expected '~SEQ(var, [start, [step,]] end) text' in '~SEQ(I, a) x'")]
    [InlineData("~SEQ(I, 1, 2, 3, 4) x", "invalid ~SEQ: expected '~SEQ(var, [start, [step,]] end) text' in '~SEQ(I, 1, 2, 3, 4) x'")]
    [InlineData("~SEQ(I, 1, 0, 3) x", "invalid ~SEQ values (step 0 never goes from 1 to 3) in '~SEQ(I, 1, 0, 3) x'")]
    [InlineData("~SEQ(I, 1, -1, 3) x", "invalid ~SEQ values (step -1 never goes from 1 to 3) in '~SEQ(I, 1, -1, 3) x'")]
    [InlineData("~SEQx(I, -3, 3) x", "~SEQx is only valid for positive numbers in '~SEQx(I, -3, 3) x'")]
    [InlineData("~SEQ(I, 1, 2000000) x", "~SEQ would produce 2000000 lines (at most 1000000) in '~SEQ(I, 1, 2000000) x'")]
    [InlineData("~SEQ(I, -0x7fffffffffffffff, 0x7fffffffffffffff) x", "~SEQ would produce 18446744073709551615 lines (at most 1000000) in '~SEQ(I, -0x7fffffffffffffff, 0x7fffffffffffffff) x'")]
    [InlineData("~LST P, 1) x", "invalid ~LST: expected '~LST(var, value, ...) text' or '~LST({var, ...}, {value, ...}, ...) text' in '~LST P, 1) x'")]
    [InlineData("~LST(P) x", "invalid ~LST: expected '~LST(var, value, ...) text' or '~LST({var, ...}, {value, ...}, ...) text' in '~LST(P) x'")]
    [InlineData("~LST(P, 1, 2 x", "invalid ~LST: expected '~LST(var, value, ...) text' or '~LST({var, ...}, {value, ...}, ...) text' in '~LST(P, 1, 2 x'")]
    [InlineData("~LST({A, B}, {1, 2, 3}) x", "~LST has more values than variables in '~LST({A, B}, {1, 2, 3}) x'")]
    public void Invalid_generators_are_errors(string line, string message)
    {
        var tree = Parse(line + "\nnext\n");
        Assert.Equal([$"{FileName}:1: error: {message}"], Messages(tree));
        Assert.Equal(["next"], Lines(tree.Nodes));
    }

    [Fact]
    public void Other_tilde_lines_are_ordinary_lines()
    {
        Assert.Equal(["~FOO $X"], Lines(ParseClean(Text("$X=1", "~FOO $X"))));
    }
}
