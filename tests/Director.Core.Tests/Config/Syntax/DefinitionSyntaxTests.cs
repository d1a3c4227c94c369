using Director.Core.Config.Syntax;
using static Director.Core.Tests.Config.Syntax.SyntaxTestHelpers;

namespace Director.Core.Tests.Config.Syntax;

public class DefinitionSyntaxTests
{
    [Fact]
    public void Dollar_name_and_braced_name_expand()
    {
        var nodes = ParseClean(Text("$IF=eth0", "interface $IF", "x ${IF}.10 $IF,a ($IF)"));
        Assert.Equal(["interface eth0", "x eth0.10 eth0,a (eth0)"], Lines(nodes));
    }

    [Fact]
    public void Bare_name_not_followed_by_blank_comma_paren_or_end_is_left_as_written()
    {
        var nodes = ParseClean(Text("$IF=eth0", "x $IF.10 $IFX $IF/24"));
        Assert.Equal(["x", "$IF.10", "$IFX", "$IF/24"], nodes[0].Words);
    }

    [Fact]
    public void Undefined_names_are_left_as_written()
    {
        var nodes = ParseClean(Text("notify \"/bin/x $HOME ${UNDEF}\"", "$A=1", "y $B \"${C}\" $A"));
        Assert.Equal(["notify /bin/x $HOME ${UNDEF}", "y $B ${C} 1"], Lines(nodes));
    }

    [Fact]
    public void Undefined_braced_name_outside_double_quotes_opens_a_block_like_keepalived()
    {
        // The line is split at the unquoted '{' of "${C}" exactly as keepalived does.
        var nodes = ParseClean("y ${C} 1\n");
        Assert.Equal("y $ {\n  C\n}\n1", Show(nodes));
    }

    [Fact]
    public void Expansion_is_recursive_and_happens_at_use()
    {
        // The example of keepalived.conf(5).
        var nodes = ParseClean(Text(
            "$ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}",
            "$ADDRESS_BASE_SUB=0",
            "${ADDRESS_BASE}.100/32",
            "$ADDRESS_BASE_SUB=10",
            "${ADDRESS_BASE}.100/32"));
        Assert.Equal(["10.2.0.100/32", "10.2.10.100/32"], Lines(nodes));
    }

    [Fact]
    public void Definition_value_skips_leading_blanks_and_loses_its_comment()
    {
        var nodes = ParseClean(Text("$D=   v1 two # comment", "d_$D end", "$E=", "e[${E}]"));
        Assert.Equal(["d_v1 two end", "e[]"], Lines(nodes));
    }

    [Fact]
    public void Definition_line_may_be_indented_but_needs_no_blank_before_equals()
    {
        // keepalived 2.2.7: " $LEAD=lead" defines; "$SP =x" is an ordinary line (Unknown keyword '$SP').
        var nodes = ParseClean(Text("   $LEAD=lead", "k_$LEAD", "$SP =x"));
        Assert.Equal(["k_lead", "$SP =x"], Lines(nodes));
    }

    [Fact]
    public void Name_rules_letters_digits_underscore_not_starting_with_digit()
    {
        var nodes = ParseClean(Text("$_a1_B=ok", "x $_a1_B", "$1A=no"));
        Assert.Equal(["x ok", "$1A=no"], Lines(nodes));
    }

    [Fact]
    public void Definition_with_condition()
    {
        var text = Text("@main $PRIORITY=240", "@backup $PRIORITY=200", "priority $PRIORITY");
        Assert.Equal(["priority 240"], Lines(ParseClean(text, Options("main"))));
        Assert.Equal(["priority 200"], Lines(ParseClean(text, Options("backup"))));
    }

    [Fact]
    public void Expanded_line_starting_with_condition_is_checked_again()
    {
        var text = Text("$IF_MAIN=@main", "$IF_MAIN priority 240");
        Assert.Equal(["priority 240"], Lines(ParseClean(text, Options("main"))));
        Assert.Empty(ParseClean(text, Options("other")));
    }

    [Fact]
    public void Multiline_definition_defines_several_lines_of_config()
    {
        var nodes = ParseClean(Text(
            "$INSTANCE= \\",
            "vrrp_instance VI_${NUM} { \\",
            "    interface eth0.${NUM} \\",
            "    @main priority 130 \\",
            "    @backup priority 120 \\",
            "    virtual_ipaddress { \\",
            "        10.0.${NUM}.254/24 \\",
            "    } \\",
            "}",
            "",
            "$NUM=0",
            "$INSTANCE",
            "$NUM=1",
            "${INSTANCE}"));
        Assert.Equal(
            "vrrp_instance VI_0 {\n  interface eth0.0\n  priority 130\n  virtual_ipaddress {\n    10.0.0.254/24\n  }\n}\n" +
            "vrrp_instance VI_1 {\n  interface eth0.1\n  priority 130\n  virtual_ipaddress {\n    10.0.1.254/24\n  }\n}",
            Show(nodes));
        // All lines of an expansion carry the location of the line that used the definition.
        Assert.Equal(12, nodes[0].Location.Line);
        Assert.Equal(12, nodes[0].Children[1].Location.Line);
        Assert.Equal(14, nodes[1].Location.Line);
    }

    [Fact]
    public void Multiline_definitions_nest_and_may_define_inside()
    {
        var nodes = ParseClean(Text(
            "$RS= \\",
            "real_server 192.168.${VS}.${RS_NUM} 80 { \\",
            "    weight 1 \\",
            "}",
            "$VS_BLOCK= \\",
            "virtual_server 10.0.${VS}.4 80 { \\",
            "    $RS_NUM=1 \\",
            "    $RS \\",
            "    $RS_NUM=2 \\",
            "    $RS \\",
            "}",
            "$VS=7",
            "$VS_BLOCK"));
        Assert.Equal(
            "virtual_server 10.0.7.4 80 {\n  real_server 192.168.7.1 80 {\n    weight 1\n  }\n  real_server 192.168.7.2 80 {\n    weight 1\n  }\n}",
            Show(nodes));
    }

    [Fact]
    public void Multiline_definition_ends_at_a_blank_line_and_skips_comment_lines()
    {
        // Checked with keepalived 2.2.7; a line of blanks only is not a blank line.
        var nodes = ParseClean(Text("$M=a \\", "# comment inside", "b \\", "", "after", "$M", "$N=p \\", "   ", "q", "$N"));
        Assert.Equal(["after", "a", "b", "p", "q"], Lines(nodes));
    }

    [Fact]
    public void Multiline_definition_only_expands_at_end_of_line()
    {
        // keepalived 2.2.7: "pre_$M" expands (the reference ends the line), "$M x" does not.
        var nodes = ParseClean(Text("$M= \\", "m1 \\", "m2", "pre_$M", "$M x"));
        Assert.Equal(["pre_m1", "m2", "$M x"], Lines(nodes));
    }

    [Fact]
    public void Redefinition_replaces_the_value()
    {
        Assert.Equal(["a 2"], Lines(ParseClean(Text("$X=1", "$X=2", "a $X"))));
    }

    [Fact]
    public void Recursive_definition_is_an_error_and_the_line_is_dropped()
    {
        var tree = Parse(Text("$A=x $A", "use $A", "next"));
        Assert.Equal([$"{FileName}:2: error: expansion of '$A' does not terminate (recursive definition?)"], Messages(tree));
        Assert.Equal(["next"], Lines(tree.Nodes));
    }

    [Fact]
    public void Mutually_recursive_definitions_are_an_error()
    {
        var tree = Parse(Text("$A=${B}", "$B=${A}", "use ${A}"));
        Assert.Equal([$"{FileName}:3: error: expansion of '$A' does not terminate (recursive definition?)"], Messages(tree));
    }

    [Fact]
    public void Predefined_pwd_is_the_directory_of_the_current_file()
    {
        var nodes = ParseClean("script \"${_PWD}/check.sh\"\n");
        Assert.Equal(["script", "/etc/keepalived/check.sh"], nodes[0].Words);
    }

    [Fact]
    public void Predefined_instance_is_the_config_id()
    {
        // keepalived's get_instance() returns config_id (the -i option), not --instance.
        var nodes = ParseClean("router_id ${_INSTANCE}\n", Options("lb1") with { InstanceName = "other" });
        Assert.Equal(["router_id", "lb1"], nodes[0].Words);
    }

    [Fact]
    public void Predefined_hash_and_bang_only_survive_inside_double_quotes()
    {
        // The expanded line is stripped of comments again (keepalived 2.2.7 -t reports
        // "Unknown keyword 'foo'" for "foo${_HASH}bar").
        var nodes = ParseClean(Text("a \"x${_HASH}y${_BANG}z\"", "foo${_HASH}bar", "b ${_BANG} c"));
        Assert.Equal(["a x#y!z", "foo", "b"], Lines(nodes));
    }

    [Fact]
    public void Predefined_random_uses_the_injected_random_and_range()
    {
        var text = Text("a ${_RANDOM}", "b ${_RANDOM 5}", "c ${_RANDOM 10 12}", "d ${_RANDOM 7 7}");
        var first = ParseClean(text, Options(seed: 7));
        var second = ParseClean(text, Options(seed: 7));
        Assert.Equal(Lines(first), Lines(second));
        Assert.InRange(int.Parse(first[0].Arguments[0]), 0, 32767);
        Assert.InRange(int.Parse(first[1].Arguments[0]), 5, 32767);
        Assert.InRange(int.Parse(first[2].Arguments[0]), 10, 12);
        Assert.Equal("7", first[3].Arguments[0]);
    }

    [Fact]
    public void Random_with_bad_parameters_is_left_as_written_or_reported()
    {
        var tree = Parse(Text("a \"${_RANDOM x}\"", "b \"${_RANDOM 3 }\"", "c \"${_PWD 1}\"", "d ${_RANDOM 9 2}", "e ${_RANDOM 1 99999999999999999999}"));
        Assert.Equal(
            [
                $"{FileName}:4: error: ${{_RANDOM 9 2}}: MIN is greater than MAX",
                $"{FileName}:5: error: ${{_RANDOM 1 99999999999999999999}}: number out of range",
            ],
            Messages(tree));
        Assert.Equal(["a ${_RANDOM x}", "b ${_RANDOM 3 }", "c ${_PWD 1}", "d 9", "e 0"], Lines(tree.Nodes));
    }

    [Fact]
    public void Predefined_names_can_be_overridden()
    {
        Assert.Equal(["x mine"], Lines(ParseClean(Text("$_PWD=mine", "x ${_PWD}"))));
    }

    [Fact]
    public void Definition_producing_an_include_is_followed()
    {
        using var dir = new TempDirectory();
        dir.Write("part.conf", "from_part 1\n");
        var main = dir.Write("main.conf", Text("$INC=include", "$INC part.conf"));
        var tree = KeepalivedSyntax.ParseFile(main, Options());
        Assert.Empty(Messages(tree));
        Assert.Equal(["from_part 1"], Lines(tree.Nodes));
    }
}
