using Director.Core.Config.Hocon;
using Director.Core.Tests.Config.Hocon.Sample;

namespace Director.Core.Tests.Config.Hocon;

public class HoconParseFailureTests
{
    [Fact]
    public void An_unresolved_substitution_is_found_by_its_name()
    {
        const string text = "a = 1\nb = ${a}\nc = ${?missing}\nd = ${nope}\n";
        Assert.Equal(4, HoconParseFailure.LineOf(text, "Unresolved substitution: nope"));
        Assert.Equal(3, HoconParseFailure.LineOf(text, "Unresolved substitution: missing"));
        Assert.Null(HoconParseFailure.LineOf(text, "Unresolved substitution: other"));
        Assert.Null(HoconParseFailure.LineOf(text, "something else"));
    }

    [Fact]
    public void The_topology_reader_names_the_line_of_an_unresolved_substitution()
    {
        var result = HoconTopology.Read<SampleTopology>("director.topology {\n  lvs_id = ${director.nope}\n}\n", "bad.conf");
        Assert.Equal(["bad.conf: (document): HOCON syntax error: line 2: Unresolved substitution: director.nope"], result.Errors);
    }
}
