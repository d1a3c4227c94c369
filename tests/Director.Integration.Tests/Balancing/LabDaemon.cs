using System.Diagnostics;
using Director.Core.Balancing;

namespace Director.Integration.Tests.Balancing;

/// <summary>
/// The real `director run` (checkers only, nftables) in the director namespace of a
/// <see cref="LoadBalancingLab"/>, with a keepalived configuration; stopped with SIGTERM on dispose.
/// </summary>
internal sealed class LabDaemon : IDisposable
{
    private readonly LoadBalancingLab _lab;
    private Process? _process;

    public LabDaemon(LoadBalancingLab lab, string config)
    {
        _lab = lab;
        Directory = System.IO.Directory.CreateTempSubdirectory("labdaemon").FullName;
        var conf = Path.Combine(Directory, "keepalived.conf");
        File.WriteAllText(conf, config);
        var binary = Path.Combine(AppContext.BaseDirectory, "director");
        _process = Shell.Start($"exec ip netns exec {lab.Director} env STATE_DIRECTORY={Directory} {binary} run -n -l -C --lb-backend nftables -f {conf} >{Directory}/daemon.log 2>&1");
    }

    /// <summary>A scratch directory removed on dispose (holds the configuration and the log).</summary>
    public string Directory { get; }

    public string Log()
    {
        try
        {
            return File.ReadAllText(Path.Combine(Directory, "daemon.log"));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>Waits until the kernel table holds <paramref name="count"/> live destinations in all.</summary>
    public void AwaitDestinations(int count, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        var seen = -1;
        while (clock.Elapsed < bound)
        {
            var table = _lab.Backend!.ReadBackAsync(CancellationToken.None).GetAwaiter().GetResult();
            seen = (table?.Services.Values ?? Enumerable.Empty<VirtualService>()).Sum(s => s.Destinations.Count(d => d.Weight > 0));
            if (seen == count) return;
            Thread.Sleep(100);
        }

        Assert.Fail($"the kernel table holds {seen} destinations after {bound.TotalSeconds:0} s, expected {count}\n{Log()}");
    }

    public void Dispose()
    {
        if (_process is not null)
        {
            Shell.Run($"kill -TERM {_process.Id}");
            if (!_process.WaitForExit(15000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(2000);
            }

            _process.Dispose();
            _process = null;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
