using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Director.Native.Sockets;

namespace Director.Native.Tests.Sockets;

public sealed class CheckReactorTests : IDisposable
{
    private readonly CheckReactor _reactor = new(TimeSpan.FromMilliseconds(4));

    public void Dispose() => _reactor.Dispose();

    private static Socket Listen(int backlog = 64)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        s.Listen(backlog);
        return s;
    }

    private static IPEndPoint EndPointOf(Socket s) => (IPEndPoint)s.LocalEndPoint!;

    /// <summary>Connects to a listener that never accepts until its backlog is full: further SYNs are dropped.</summary>
    private static async Task<List<Socket>> FillBacklog(Socket listener)
    {
        var fillers = new List<Socket>();
        for (var i = 0; i < 8; i++)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(s);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            try
            {
                await s.ConnectAsync(listener.LocalEndPoint!, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return fillers;
    }

    [Fact]
    public async Task Probe_to_a_listener_connects_and_resets()
    {
        using var listener = Listen();
        var result = await _reactor.ProbeTcpAsync(EndPointOf(listener), null, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(TcpProbeStatus.Connected, result.Status);
        using var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(5));
        // Closed with RST: the server's read fails with a reset (a FIN would read 0 bytes).
        var error = await Assert.ThrowsAsync<SocketException>(async () => await accepted.ReceiveAsync(new byte[1], SocketFlags.None, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        Assert.Equal(0, _reactor.PendingProbes);
    }

    [Fact]
    public async Task Reused_sockets_keep_no_state_between_probes()
    {
        using var listener = Listen();
        int closed;
        using (var s = Listen()) closed = EndPointOf(s).Port;
        var refused = new IPEndPoint(IPAddress.Loopback, closed);
        var expected = new[] { TcpProbeStatus.Connected, TcpProbeStatus.Failed, TcpProbeStatus.Connected, TcpProbeStatus.Connected, TcpProbeStatus.Failed, TcpProbeStatus.Connected };
        var results = new List<TcpProbeStatus>();
        foreach (var status in expected)
        {
            var target = status == TcpProbeStatus.Connected ? EndPointOf(listener) : refused;
            results.Add((await _reactor.ProbeTcpAsync(target, null, TimeSpan.FromSeconds(5), CancellationToken.None)).Status);
        }
        Assert.Equal(expected, results);
        for (var i = 0; i < 4; i++)
        {
            using var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(5));
            var error = await Assert.ThrowsAsync<SocketException>(async () => await accepted.ReceiveAsync(new byte[1], SocketFlags.None, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        }
    }

    [Fact]
    public async Task Probe_to_a_closed_port_is_refused()
    {
        int port;
        using (var s = Listen()) port = EndPointOf(s).Port;
        var result = await _reactor.ProbeTcpAsync(new IPEndPoint(IPAddress.Loopback, port), null, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(TcpProbeStatus.Failed, result.Status);
        Assert.Equal(111, result.Errno); // ECONNREFUSED
    }

    [Fact]
    public async Task Probe_whose_syn_is_dropped_times_out_at_its_timeout()
    {
        // A listener that never accepts, with a backlog filled by other connections: further SYNs are dropped.
        using var listener = Listen(0);
        var fillers = await FillBacklog(listener);
        try
        {
            var clock = Stopwatch.StartNew();
            var result = await _reactor.ProbeTcpAsync(EndPointOf(listener), null, TimeSpan.FromMilliseconds(300), CancellationToken.None);
            Assert.Equal(TcpProbeStatus.TimedOut, result.Status);
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(3));
            Assert.Equal(0, _reactor.PendingProbes);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Bind_to_a_foreign_address_fails_before_connecting()
    {
        using var listener = Listen();
        var result = await _reactor.ProbeTcpAsync(EndPointOf(listener), new IPEndPoint(IPAddress.Parse("192.0.2.77"), 0), TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(TcpProbeStatus.BindFailed, result.Status);
        Assert.Equal(99, result.Errno); // EADDRNOTAVAIL
    }

    [Fact]
    public async Task Bound_probe_uses_the_given_source_port()
    {
        using var listener = Listen();
        int sourcePort;
        using (var free = Listen()) sourcePort = EndPointOf(free).Port;
        var result = await _reactor.ProbeTcpAsync(EndPointOf(listener), new IPEndPoint(IPAddress.Loopback, sourcePort), TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(TcpProbeStatus.Connected, result.Status);
        using var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(sourcePort, ((IPEndPoint)accepted.RemoteEndPoint!).Port);
    }

    [Fact]
    public async Task Probe_over_ipv6_loopback_connects()
    {
        using var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        listener.Listen(4);
        var result = await _reactor.ProbeTcpAsync((IPEndPoint)listener.LocalEndPoint!, null, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(TcpProbeStatus.Connected, result.Status);
    }

    [Fact]
    public async Task Cancelled_probe_is_cancelled_and_its_socket_closed()
    {
        using var listener = Listen(0);
        var fillers = await FillBacklog(listener);
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var probe = _reactor.ProbeTcpAsync(EndPointOf(listener), null, TimeSpan.FromSeconds(30), cancel.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.Equal(0, _reactor.PendingProbes);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Many_probes_at_once_all_complete()
    {
        using var listener = Listen(4096);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true) (await listener.AcceptAsync(stop.Token)).Dispose();
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
            }
        });
        var probes = Enumerable.Range(0, 500).Select(_ => _reactor.ProbeTcpAsync(EndPointOf(listener), null, TimeSpan.FromSeconds(10), CancellationToken.None)).ToList();
        var results = await Task.WhenAll(probes).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.All(results, r => Assert.Equal(TcpProbeStatus.Connected, r.Status));
        Assert.Equal(0, _reactor.PendingProbes);
        await stop.CancelAsync();
        await accepting;
    }

    [Fact]
    public async Task Inline_delay_continues_on_the_reactor_thread_after_the_delay()
    {
        var clock = Stopwatch.StartNew();
        var thread = await _reactor.DelayAsync(TimeSpan.FromMilliseconds(50), inline: true, CancellationToken.None)
            .ContinueWith(_ => Thread.CurrentThread.Name, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Assert.Equal("check-reactor", thread);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(45), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Delay_not_inline_continues_on_the_thread_pool()
    {
        var thread = await _reactor.DelayAsync(TimeSpan.FromMilliseconds(10), inline: false, CancellationToken.None)
            .ContinueWith(_ => Thread.CurrentThread.Name, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Assert.NotEqual("check-reactor", thread);
    }

    [Fact]
    public async Task Delay_is_cancelled_at_once()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _reactor.DelayAsync(TimeSpan.FromSeconds(30), inline: false, cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Delays_complete_in_order_of_their_due_time()
    {
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var tasks = new[] { 120, 40, 80 }.Select(async ms =>
        {
            await _reactor.DelayAsync(TimeSpan.FromMilliseconds(ms), inline: true, CancellationToken.None);
            order.Enqueue(ms);
        }).ToList();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new[] { 40, 80, 120 }, order);
    }
}
