using Director.Actors.Checks;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Checks;

public sealed class FileHealthCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("director-file-").FullName;

    private IHealthCheck File(string name, int weight, bool reverse = false, int? checkWeight = null)
    {
        var track = new TrackFile { Name = "tf", File = Path.Combine(_dir, name), Weight = weight, Reverse = reverse };
        return new HealthCheckFactory(new HealthCheckServices { TrackFiles = new[] { track } })
            .Build(new FileCheck { TrackFile = "tf", Weight = checkWeight }, CheckTestKit.RealServer(80), CheckTestKit.VirtualServer());
    }

    [Fact]
    public async Task Weighted_value_is_a_weight_change()
    {
        System.IO.File.WriteAllText(Path.Combine(_dir, "v"), "3\n");
        var outcome = await File("v", weight: 2).RunAsync(CancellationToken.None);
        Assert.True(outcome.Up);
        Assert.Equal(6, outcome.WeightDelta);
        Assert.Equal(-30, (await File("v", weight: 2, checkWeight: -10).RunAsync(CancellationToken.None)).WeightDelta);
    }

    [Fact]
    public async Task Weight_zero_non_zero_value_is_down_and_missing_file_reads_zero()
    {
        System.IO.File.WriteAllText(Path.Combine(_dir, "z"), "1");
        Assert.False((await File("z", weight: 0).RunAsync(CancellationToken.None)).Up);
        Assert.True((await File("missing", weight: 0).RunAsync(CancellationToken.None)).Up);
        Assert.False((await File("missing", weight: 0, reverse: true).RunAsync(CancellationToken.None)).Up);
    }

    [Fact]
    public async Task Out_of_range_value_keeps_the_previous_result()
    {
        var path = Path.Combine(_dir, "r");
        System.IO.File.WriteAllText(path, "2");
        var check = File("r", weight: 1);
        Assert.Equal(2, (await check.RunAsync(CancellationToken.None)).WeightDelta);
        System.IO.File.WriteAllText(path, "99999999999");
        Assert.Equal(2, (await check.RunAsync(CancellationToken.None)).WeightDelta);
    }

    [Fact]
    public void Unknown_track_file_is_an_error() =>
        Assert.Throws<ArgumentException>(() => HealthCheckFactory.Create(new FileCheck { TrackFile = "nope" }, CheckTestKit.RealServer(80), CheckTestKit.VirtualServer()));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

public class BfdHealthCheckTests
{
    [Fact]
    public async Task Is_not_supported()
    {
        var outcome = await HealthCheckFactory.Create(new BfdCheck { Name = "b1" }, CheckTestKit.RealServer(80), CheckTestKit.VirtualServer()).RunAsync(CancellationToken.None);
        Assert.False(outcome.Up);
        Assert.True(outcome.NotSupported);
        Assert.Contains("not supported", outcome.Detail, StringComparison.Ordinal);
    }
}
