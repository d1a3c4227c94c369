using System.Diagnostics;
using Director.Core.Config.Hocon;
using Director.Core.Tests.Config.Hocon.Sample;
using Xunit.Abstractions;

namespace Director.Core.Tests.Config.Hocon;

public class HoconPerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void A_thousand_virtual_servers_with_ten_real_servers_each_map_quickly()
    {
        var model = SampleTopologies.Large(1000, 10);
        HoconTopology.Read<SampleTopology>(HoconTopology.Write(SampleTopologies.Large(2, 2)), "warm-up");

        var clock = Stopwatch.StartNew();
        var text = HoconTopology.Write(model);
        var written = clock.Elapsed;
        clock.Restart();
        var result = HoconTopology.Read<SampleTopology>(text, "large.conf");
        var read = clock.Elapsed;
        clock.Restart();
        HoconTopology.Read<SampleTopology>(text, "large.conf");
        var warmRead = clock.Elapsed;
        clock.Restart();
        Akka.Configuration.ConfigurationFactory.ParseString(text);
        var akkaParse = clock.Elapsed;
        var compact = HoconTopology.Write(model, new HoconWriteOptions { WriteDefaults = false });
        clock.Restart();
        var compactResult = HoconTopology.Read<SampleTopology>(compact, "compact.conf");
        var compactRead = clock.Elapsed;

        output.WriteLine($"{text.Length / 1024} KiB, {text.Count(c => c == '\n')} lines; write {written.TotalMilliseconds:F0} ms, read {read.TotalMilliseconds:F0} ms (again: {warmRead.TotalMilliseconds:F0} ms; Akka's parse alone {akkaParse.TotalMilliseconds:F0} ms); without defaults {compact.Length / 1024} KiB, read {compactRead.TotalMilliseconds:F0} ms");
        Assert.Equal(model, compactResult.Model);
        Assert.Empty(result.Errors);
        Assert.Equal(model, result.Model);
        // Generous bound for a shared 2-core box; the measured numbers are printed above.
        Assert.True(written + read < TimeSpan.FromSeconds(5), $"write {written}, read {read}");
    }
}
