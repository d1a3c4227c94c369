using Director.Core.Config.Hocon;

namespace Director.Core.Tests.Config.Hocon;

public class HoconKeyLinesTests
{
    [Fact]
    public void Finds_a_key_in_nested_blocks()
    {
        const string text = "director {\n  lb {\n    backend = auto\n    rebalance-interval = 2s\n  }\n}\n";
        Assert.Equal(4, HoconKeyLines.LineOf(text, "director.lb.rebalance-interval"));
        Assert.Equal(3, HoconKeyLines.LineOf(text, "director.lb.backend"));
        Assert.Equal(2, HoconKeyLines.LineOf(text, "director.lb"));
    }

    [Fact]
    public void Finds_a_dotted_key()
    {
        Assert.Equal(2, HoconKeyLines.LineOf("director.node-name = a\ndirector.lb.rebalance-interval = 2s\n", "director.lb.rebalance-interval"));
    }

    [Fact]
    public void Finds_a_key_in_mixed_dotted_and_nested_forms()
    {
        const string text = """
            director.lb {
              backend: ipvs
            }
            director { management.port = 9000, management { hostname = "::1" } }
            """;
        var lines = HoconKeyLines.Of(text);
        Assert.Equal(2, lines.LineOf("director.lb.backend"));
        Assert.Equal(4, lines.LineOf("director.management.port"));
        Assert.Equal(4, lines.LineOf("director.management.hostname"));
    }

    [Fact]
    public void Comments_and_quoted_strings_are_not_keys_or_structure()
    {
        const string text = """
            # director.lb.backend = nftables
            director {
              // lb { backend = ipvs }
              log.file = "/var/log/{x}#not-a-comment // nor this"
              log { level = "debug }" }
              "quoted.key" = 1
              lb.backend = ipvs # the real one
            }
            """;
        var lines = HoconKeyLines.Of(text);
        Assert.Equal(7, lines.LineOf("director.lb.backend"));
        Assert.Equal(4, lines.LineOf("director.log.file"));
        Assert.Equal(5, lines.LineOf("director.log.level"));
        Assert.Equal(6, lines.LineOf("director.\"quoted.key\""));
        Assert.Null(lines.LineOf("director.quoted.key"));
    }

    [Fact]
    public void A_key_set_twice_answers_with_its_last_line()
    {
        const string text = "director.lb.backend = ipvs\ndirector {\n  lb {\n    backend = nftables\n  }\n}\ndirector.log.level = info\n";
        Assert.Equal(4, HoconKeyLines.LineOf(text, "director.lb.backend"));
    }

    [Fact]
    public void An_absent_key_has_no_line()
    {
        const string text = "director { lb { backend = auto } }";
        Assert.Null(HoconKeyLines.LineOf(text, "director.lb.rebalance-interval"));
        Assert.Null(HoconKeyLines.LineOf(text, "akka.loglevel"));
        Assert.Null(HoconKeyLines.LineOf("", "director"));
        Assert.Equal(1, HoconKeyLines.Of(text).NearestLineOf("director.lb.rebalance-interval"));
    }

    [Fact]
    public void Finds_elements_of_arrays_of_objects()
    {
        const string text = """
            director.topology {
              vrrp_instances = [
                { name = a, priority = 100 }
                {
                  name = b
                  priority = high
                }
              ]
              tags = ["x", "y"]
            }
            """;
        var lines = HoconKeyLines.Of(text);
        Assert.Equal(3, lines.LineOf("director.topology.vrrp_instances[0].priority"));
        Assert.Equal(6, lines.LineOf("director.topology.vrrp_instances[1].priority"));
        Assert.Equal(4, lines.LineOf("director.topology.vrrp_instances[1]"));
        Assert.Equal(9, lines.LineOf("director.topology.tags[1]"));
        Assert.Null(lines.LineOf("director.topology.vrrp_instances[2]"));
    }

    [Fact]
    public void Triple_quoted_strings_count_their_lines_and_includes_are_skipped()
    {
        const string text = "include \"other.conf\"\na = \"\"\"one\ntwo { \"\"\"\nb = 1\n";
        var lines = HoconKeyLines.Of(text);
        Assert.Equal(2, lines.LineOf("a"));
        Assert.Equal(4, lines.LineOf("b"));
        Assert.Null(lines.LineOf("include"));
    }

    [Fact]
    public void Malformed_text_gives_what_it_can_and_never_throws()
    {
        Assert.Equal(1, HoconKeyLines.LineOf("a { b = [ 1, { c = }", "a.b"));
        Assert.Null(HoconKeyLines.LineOf("}}]] = = \"", "a"));
        Assert.Null(HoconKeyLines.LineOf(new string('{', 10_000), "a"));
    }
}
