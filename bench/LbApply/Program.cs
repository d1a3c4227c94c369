using System.Diagnostics;
using System.Globalization;
using System.Net;
using Director.Core.Balancing;
using Director.Core.Balancing.Nft;
using Director.Native.Nftables;

// Usage: LbApply NETNS [SERVICES] [SERVERS] [CHANGES]
// Applies SERVICES x SERVERS NAT services from nothing inside network namespace NETNS, then
// CHANGES single-destination changes (remove one server / put it back) into that table, then
// reads the table back with a fresh backend. Prints key=value lines.
// Environment: WEIGHTS=equal (rr), COUNTERS=per-service|shared (NftOptions.PerServiceCounters;
// unset or "default": the option's default), DUMP_CHANGE=1 (writes the first change's commands to stderr).
var ns = args[0];
var services = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var servers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var changes = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
var equalWeights = Environment.GetEnvironmentVariable("WEIGHTS") == "equal";

var table = new DesiredTable(Enumerable.Range(0, services).Select(i => new VirtualService
{
    Key = VirtualServiceKey.ForAddress(new IPAddress([10, 100, (byte)(i / 250), (byte)(i % 250 + 1)]), 80, IpProtocol.Tcp),
    Scheduler = equalWeights ? Scheduler.Rr : Scheduler.Wrr,
    Destinations = Enumerable.Range(0, servers)
        .Select(j => new Destination { Address = new IPAddress([10, 200, (byte)(i / 250), (byte)(i % 250 + 1)]), Port = 8000 + j, Weight = equalWeights ? 1 : j + 1 })
        .ToArray(),
}));

// COUNTERS=shared: rr/wrr services with the same slot count share one round-robin counter.
var counters = Environment.GetEnvironmentVariable("COUNTERS") is { Length: > 0 } c && c != "default"
    ? c == "per-service" ? true : c == "shared" ? false : throw new ArgumentException($"COUNTERS: per-service or shared, got {c}")
    : new NftOptions().PerServiceCounters;
var options = new NftOptions { PerServiceCounters = counters };
Console.WriteLine($"round_robin_counters={(counters ? "per-service" : "shared")}{(counters == new NftOptions().PerServiceCounters ? " (default)" : "")}");
var render = Stopwatch.StartNew();
var text = NftRulesetBuilder.Full(table, ServiceIds.Empty.Assign(table), options);
render.Stop();
var warm = Stopwatch.StartNew();
NftRulesetBuilder.Full(table, ServiceIds.Empty.Assign(table), options);
Print("full_render_warm_ms", warm.Elapsed.TotalMilliseconds);
Print("virtual_services", services);
Print("real_servers_per_service", servers);
Console.WriteLine($"weights={(equalWeights ? "equal (rr, 10 slots per service)" : "1..10 (wrr, 55 slots per service)")}");
Print("full_render_ms", render.Elapsed.TotalMilliseconds);
Print("full_commands_bytes", text.Length);

using (var backend = new NftablesBackend(options, ns))
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var full = Stopwatch.StartNew();
    await backend.ApplyAsync(TableDiff.Between(DesiredTable.Empty, table), table, CancellationToken.None);
    full.Stop();
    Print("full_apply_ms", full.Elapsed.TotalMilliseconds);
    // CPU time of the whole process (render + libnftables + the kernel's netlink work), less
    // sensitive than wall time to other load on the box.
    Print("full_apply_cpu_ms", (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
    Print("full_apply_kernel_ms", backend.LastKernelTime.TotalMilliseconds);
    var kernel = new List<double>();
    var renders = new List<double>();
    var diffs = new List<double>();

    var samples = new List<double>();
    var current = table;
    var random = new Random(1);
    var changesCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var direct = 0;
    for (var n = 0; n < changes; n++)
    {
        var service = table.Services.Values.ElementAt(random.Next(services));
        var target = current.Find(service.Key)!.Destinations.Count == servers
            ? current.With(service with { Destinations = service.Destinations.Skip(1).ToArray() })
            : current.With(service);
        var watch = Stopwatch.StartNew();
        var diff = TableDiff.Between(current, target);
        diffs.Add(watch.Elapsed.TotalMilliseconds);
        if (n == 0 && Environment.GetEnvironmentVariable("DUMP_CHANGE") == "1")
        {
            var ids = ServiceIds.Empty.Assign(table);
            Console.Error.WriteLine(NftRulesetBuilder.Batch(current, target, NftRulesetBuilder.Touched(diff), ids, options));
        }

        await backend.ApplyAsync(diff, target, CancellationToken.None);
        samples.Add(watch.Elapsed.TotalMilliseconds);
        if (backend.LastWasDirect) direct++;
        kernel.Add(backend.LastKernelTime.TotalMilliseconds);
        renders.Add(backend.LastRenderTime.TotalMilliseconds);
        current = target;
    }

    // Mean CPU time of the whole process per change: what a change costs regardless of the box's load.
    Print("one_change_cpu_ms_mean", (Process.GetCurrentProcess().TotalProcessorTime - changesCpu).TotalMilliseconds / changes);
    samples.Sort();
    Print("one_change_ms_median", samples[samples.Count / 2]);
    Print("one_change_ms_p95", samples[(int)(samples.Count * 0.95)]);
    Print("one_change_ms_max", samples[^1]);
    Print("one_change_samples", samples.Count);
    // Changes written as netlink messages rather than through libnftables (NftFastChange).
    Print("one_change_direct_netlink", direct);
    kernel.Sort();
    Print("one_change_kernel_ms_median", kernel[kernel.Count / 2]);
    renders.Sort();
    Print("one_change_render_ms_median", renders[renders.Count / 2]);
    diffs.Sort();
    Print("one_change_diff_ms_median", diffs[diffs.Count / 2]);

    using var restarted = new NftablesBackend(options, ns);
    var readBack = Stopwatch.StartNew();
    var read = await restarted.ReadBackAsync(CancellationToken.None);
    readBack.Stop();
    Print("read_back_ms", readBack.Elapsed.TotalMilliseconds);
    Console.WriteLine($"read_back_matches={read is not null && read.Equals(current)}");
    Print("target_full_apply_ms", 1000);
    Print("target_one_change_ms", 5);
    Console.WriteLine($"one_change_target_met={samples[samples.Count / 2] < 5}");
}

static void Print(string key, double value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value:0.###}"));
