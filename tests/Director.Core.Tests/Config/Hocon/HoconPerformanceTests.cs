using System.Diagnostics;
using Akka.Configuration;
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

        var (text, firstWrite, bestWrite) = Time(() => HoconTopology.Write(model));
        var (result, firstRead, bestRead) = Time(() => HoconTopology.Read<SampleTopology>(text, "large.conf"));
        var (_, _, bestParse) = Time(() => ConfigurationFactory.ParseString(text));
        var compact = HoconTopology.Write(model, new HoconWriteOptions { WriteDefaults = false });
        var (compactResult, _, bestCompactRead) = Time(() => HoconTopology.Read<SampleTopology>(compact, "compact.conf"));

        output.WriteLine(
            $"{text.Length / 1024} KiB, {text.Count(c => c == '\n')} lines; write first {Ms(firstWrite)} best {Ms(bestWrite)}; " +
            $"read first {Ms(firstRead)} best {Ms(bestRead)} (Akka's parse alone best {Ms(bestParse)}); " +
            $"without defaults {compact.Length / 1024} KiB, read best {Ms(bestCompactRead)}");
        Assert.Empty(result.Errors);
        Assert.Equal(model, result.Model);
        Assert.Equal(model, compactResult.Model);
        // A regression guard only, generous for a loaded 2-core box (the first run also pays for JIT);
        // the measured numbers are printed above.
        Assert.True(bestWrite + bestRead < TimeSpan.FromSeconds(5), $"write {bestWrite}, read {bestRead}");
    }

    private static (T Result, TimeSpan First, TimeSpan Best) Time<T>(Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        var first = clock.Elapsed;
        var best = first;
        for (var i = 0; i < 2; i++)
        {
            clock.Restart();
            action();
            if (clock.Elapsed < best) best = clock.Elapsed;
        }
        return (result, first, best);
    }

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:F0} ms";
}
