using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Director.Actors.Checks;
using Director.Core.Checks;
using Director.Core.Config.Model;

// Two modes:
//   serve --base-port B --ports P --seconds S [--count-file F]
//         accept-and-close listeners on 127.0.0.1:B..B+P-1; with F, the number of connections
//         that arrived so far is written to F every 100 ms (to count the checks of a daemon)
//   check --base-port B --ports P --checks N --warmup S --measure S
//         N TCP_CHECKs at delay_loop 1 s spread over the P ports; prints key=value lines with the
//         CPU share of one core and the RSS of this process over the measured window.
var options = Options.Parse(args);
return options.Mode switch
{
    "serve" => await Serve(options),
    "check" => await Check(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CheckBench serve|check --base-port B --ports P [--checks N --warmup S --measure S] [--seconds S]");
    return 2;
}

static async Task<int> Serve(Options o)
{
    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(o.Seconds));
    var listeners = Enumerable.Range(o.BasePort, o.Ports).Select(port =>
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        s.Bind(new IPEndPoint(IPAddress.Loopback, port));
        s.Listen(4096);
        return s;
    }).ToList();
    Console.WriteLine($"serving={o.Ports}");
    long arrived = 0;
    var counting = o.CountFile is null ? Task.CompletedTask : Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            await File.WriteAllTextAsync(o.CountFile + ".tmp", Interlocked.Read(ref arrived).ToString(CultureInfo.InvariantCulture));
            File.Move(o.CountFile + ".tmp", o.CountFile, overwrite: true);
            try
            {
                await Task.Delay(100, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    });
    await Task.WhenAll(listeners.Select(async l =>
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var client = await l.AcceptAsync(stop.Token);
                Interlocked.Increment(ref arrived);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                // reset by the checker before we accepted it
                Interlocked.Increment(ref arrived);
            }
        }
    }));
    listeners.ForEach(l => l.Dispose());
    await counting;
    return 0;
}

static async Task<int> Check(Options o)
{
    var vs = new VirtualServer { DelayLoop = TimeSpan.FromSeconds(1) };
    var config = new TcpCheck { ConnectTimeout = TimeSpan.FromSeconds(2), DelayLoop = TimeSpan.FromSeconds(1), Warmup = TimeSpan.FromSeconds(1) };
    var counter = new Counter();
    using var stop = new CancellationTokenSource();
    var loops = new List<Task>(o.Checks);
    for (var i = 0; i < o.Checks; i++)
    {
        var rs = new RealServer { Address = new RealServerAddress { Ip = IPAddress.Loopback, Port = o.BasePort + i % o.Ports } };
        var check = new CountingCheck(HealthCheckFactory.Create(config, rs, vs), counter);
        var runner = new CheckerRunner(CheckerRunnerSettings.For(config, rs, vs) with { BootstrapDelay = TimeSpan.Zero });
        loops.Add(HealthCheckLoop.RunAsync(check, runner, _ => Interlocked.Increment(ref counter.Transitions), TimeProvider.System, Random.Shared, stop.Token));
    }

    await Task.Delay(TimeSpan.FromSeconds(o.Warmup));
    var (cpu0, wall0, done0, failed0) = (CpuSeconds(), Environment.TickCount64, Volatile.Read(ref counter.Done), Volatile.Read(ref counter.Failed));
    var slow0 = Volatile.Read(ref counter.Slow);
    var sys0 = SystemSeconds();
    await Task.Delay(TimeSpan.FromSeconds(o.Measure));
    var (cpu1, wall1, done1, failed1) = (CpuSeconds(), Environment.TickCount64, Volatile.Read(ref counter.Done), Volatile.Read(ref counter.Failed));
    var rssMb = RssMb();
    var sys1 = SystemSeconds();
    await stop.CancelAsync();
    await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(10));

    var wall = (wall1 - wall0) / 1000.0;
    var inv = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Create(inv, $"checks={o.Checks}"));
    Console.WriteLine(string.Create(inv, $"ports={o.Ports}"));
    Console.WriteLine("delay_loop_s=1");
    Console.WriteLine(string.Create(inv, $"window_s={wall:0.00}"));
    Console.WriteLine(string.Create(inv, $"checks_per_second={(done1 - done0) / wall:0}"));
    Console.WriteLine(string.Create(inv, $"failed_checks={failed1 - failed0}"));
    Console.WriteLine(string.Create(inv, $"checks_slower_than_100ms={Volatile.Read(ref counter.Slow) - slow0}"));
    Console.WriteLine(string.Create(inv, $"transitions={Volatile.Read(ref counter.Transitions)}"));
    Console.WriteLine(string.Create(inv, $"cpu_share_of_one_core={(cpu1 - cpu0) / wall:0.000}"));
    Console.WriteLine(string.Create(inv, $"kernel_share_of_one_core={(sys1 - sys0) / wall:0.000}"));
    Console.WriteLine(string.Create(inv, $"rss_mb={rssMb:0.0}"));
    Console.WriteLine(string.Create(inv, $"load_average_1m={File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    return 0;
}

// utime + stime of this process from /proc/self/stat (fields 14 and 15, in clock ticks of 1/100 s).
static double CpuSeconds() => UserSeconds() + SystemSeconds();

static double UserSeconds() => StatField(11) / 100.0;

static double SystemSeconds() => StatField(12) / 100.0;

static long StatField(int index)
{
    var stat = File.ReadAllText("/proc/self/stat");
    return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[index], CultureInfo.InvariantCulture);
}

static double RssMb()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

sealed class Counter
{
    public long Done;
    public long Failed;
    public long Transitions;
    public long Slow;
}

sealed class CountingCheck(IHealthCheck inner, Counter counter) : IHealthCheck
{
    public bool StartsWithoutBlocking => inner.StartsWithoutBlocking;

    public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var outcome = await inner.RunAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref counter.Done);
        if (outcome.Latency > TimeSpan.FromMilliseconds(100))
            Interlocked.Increment(ref counter.Slow);
        if (!outcome.Up)
            Interlocked.Increment(ref counter.Failed);
        return outcome;
    }
}

sealed record Options(string Mode, int BasePort, int Ports, int Checks, int Warmup, int Measure, int Seconds, string? CountFile)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new Options(args.Length > 0 ? args[0] : "", Int("--base-port", 42000), Int("--ports", 16), Int("--checks", 1000),
            Int("--warmup", 5), Int("--measure", 10), Int("--seconds", 120), Array.IndexOf(args, "--count-file") >= 0 ? Get("--count-file", "") : null);
    }
}
