using Director.Core.Config.Hocon;
using Director.Core.Tests.Config.Hocon.Sample;

namespace Director.Core.Tests.Config.Hocon;

/// <summary>A large model survives the round trip with and without defaults. Speed is measured by bench/parse.sh, not here.</summary>
public class HoconLargeModelTests
{
    [Fact]
    public void A_hundred_virtual_servers_with_ten_real_servers_each_round_trip()
    {
        var model = SampleTopologies.Large(100, 10);
        var full = HoconTopology.Read<SampleTopology>(HoconTopology.Write(model), "large.conf");
        var compact = HoconTopology.Read<SampleTopology>(HoconTopology.Write(model, new HoconWriteOptions { WriteDefaults = false }), "compact.conf");
        Assert.Empty(full.Errors);
        Assert.Equal(model, full.Model);
        Assert.Equal(model, compact.Model);
    }
}
