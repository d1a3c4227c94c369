using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Director.Native.Interop;
using Tmds.Linux;

namespace Director.Native.Sockets;

/// <summary>
/// One thread that serves the timers of the health-check loops and runs TCP connect probes, in
/// ticks: it wakes at most once per <see cref="Tick"/> while work is pending, runs every timer that
/// is due, then collects every finished connect with one non-blocking epoll_wait. Thousands of checks
/// per second thus cost a few hundred wake-ups instead of several context switches per check, and a
/// probe is a raw non-blocking socket (no Socket object, no per-socket registration beyond one
/// epoll_ctl) closed with RST. Continuations of "inline" work run on this thread: they must not block.
/// </summary>
public sealed unsafe class CheckReactor : IDisposable
{
    private static readonly Lazy<CheckReactor> LazyShared = new(() => new CheckReactor(TimeSpan.FromMilliseconds(4)));

    private readonly object _gate = new();
    private readonly PriorityQueue<TimerEntry, long> _timers = new();
    private readonly Dictionary<int, Probe> _probes = [];
    // Sockets of finished unbound probes, disconnected (connect AF_UNSPEC) for the next probe of their
    // family: no socket()/close() per check. Reactor thread only.
    private readonly Stack<int> _idleV4 = new();
    private readonly Stack<int> _idleV6 = new();
    private const int MaxIdle = 256;
    private readonly Thread _thread;
    private readonly int _epoll;
    private readonly int _wake;
    private readonly long _tick;
    private long _sleepingUntil = long.MaxValue;
    private volatile bool _disposed;

    public CheckReactor(TimeSpan tick)
    {
        if (tick <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(tick));
        Tick = tick;
        _tick = (long)(tick.TotalSeconds * Stopwatch.Frequency);
        _epoll = Sys.Check(Sys.epoll_create1(LibC.EPOLL_CLOEXEC), "epoll_create1");
        _wake = Sys.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (_wake < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Sys.close(_epoll);
            throw new KernelCallException("eventfd", errno);
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "check-reactor" };
        _thread.Start();
    }

    /// <summary>The reactor of the process (never disposed).</summary>
    public static CheckReactor Shared => LazyShared.Value;

    /// <summary>Timers may run up to one tick late; connect latencies are measured to one tick.</summary>
    public TimeSpan Tick { get; }

    /// <summary>Probes started and not yet finished (for tests and diagnostics).</summary>
    public int PendingProbes { get { lock (_gate) return _probes.Count; } }

    private bool OnReactorThread => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

    /// <summary>
    /// Completes after <paramref name="delay"/>. Inline: the continuation runs on the reactor thread
    /// (it must only start non-blocking work); otherwise on the thread pool.
    /// </summary>
    public Task DelayAsync(TimeSpan delay, bool inline, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var delayed = new Delayed(inline, cancellationToken);
        Schedule(Stopwatch.GetTimestamp() + Ticks(delay), static s => ((Delayed)s!).Fire(), delayed);
        return delayed.Task;
    }

    /// <summary>
    /// Connects a TCP socket to <paramref name="remote"/> (bound to <paramref name="local"/> first when
    /// given) within <paramref name="timeout"/>, then closes it with RST. Completes on the reactor
    /// thread; throws <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public Task<TcpProbeResult> ProbeTcpAsync(IPEndPoint remote, IPEndPoint? local, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<TcpProbeResult>(cancellationToken);
        var probe = new Probe(this, remote, local, timeout, cancellationToken);
        if (OnReactorThread)
            Start(probe);
        else
            Schedule(Stopwatch.GetTimestamp(), static s => { var p = (Probe)s!; p.Reactor.Start(p); }, probe);
        return probe.Task;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Wake();
        _thread.Join(TimeSpan.FromSeconds(5));
        List<Probe> left;
        lock (_gate) left = [.. _probes.Values];
        foreach (var probe in left) Finish(probe, TcpProbeStatus.Cancelled, 0);
        foreach (var fd in _idleV4.Concat(_idleV6)) Sys.close(fd);
        Sys.close(_epoll);
        Sys.close(_wake);
    }

    private long Ticks(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (long)(span.TotalSeconds * Stopwatch.Frequency);

    private void Schedule(long due, Action<object?> callback, object? state)
    {
        bool wake;
        lock (_gate)
        {
            _timers.Enqueue(new TimerEntry(callback, state), due);
            // Wake only when the reactor would otherwise be more than a tick late.
            wake = !OnReactorThread && due + _tick < _sleepingUntil;
            if (wake) _sleepingUntil = due;
        }
        if (wake) Wake();
    }

    private void Wake()
    {
        ulong one = 1;
        Sys.write(_wake, &one, sizeof(ulong));
    }

    private void Run()
    {
        var events = stackalloc epoll_event[256];
        var timers = new List<TimerEntry>();
        while (!_disposed)
        {
            RunDueTimers(timers);
            Harvest(events, 256);
            Sleep();
        }
    }

    private void RunDueTimers(List<TimerEntry> due)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            while (_timers.TryPeek(out _, out var at) && at <= now)
                due.Add(_timers.Dequeue());
        }
        foreach (var entry in due)
        {
            try
            {
                entry.Callback(entry.State);
            }
#pragma warning disable CA1031 // a failing continuation must not stop the reactor of every check
            catch (Exception e)
#pragma warning restore CA1031
            {
                Trace.TraceError($"check reactor: a timer callback threw {e}");
            }
        }
        due.Clear();
    }

    private void Harvest(epoll_event* events, int capacity)
    {
        while (true)
        {
            var n = Sys.epoll_wait(_epoll, events, capacity, 0);
            if (n <= 0) return;
            for (var i = 0; i < n; i++)
                Complete(events[i].data.fd);
            if (n < capacity) return;
        }
    }

    private void Sleep()
    {
        var now = Stopwatch.GetTimestamp();
        int timeoutMs;
        lock (_gate)
        {
            var next = _timers.TryPeek(out _, out var at) ? at : long.MaxValue;
            long until;
            if (_probes.Count > 0) until = now + _tick;
            else if (next == long.MaxValue) until = long.MaxValue;
            else until = Math.Max(next, now + _tick);
            _sleepingUntil = until;
            timeoutMs = until == long.MaxValue ? -1 : (int)Math.Min(60_000, ((until - now) * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
        }
        var fds = new Sys.PollFd { Fd = _wake, Events = Sys.POLLIN };
        if (Sys.poll(&fds, 1, timeoutMs) > 0)
        {
            ulong value;
            Sys.read(_wake, &value, sizeof(ulong));
        }
        lock (_gate) _sleepingUntil = long.MinValue;
    }

    private void Start(Probe probe)
    {
        var remote = probe.Remote;
        var family = remote.AddressFamily == AddressFamily.InterNetworkV6 ? LibC.AF_INET6 : LibC.AF_INET;
        var idle = family == LibC.AF_INET ? _idleV4 : _idleV6;
        var fd = probe.Local is null && idle.TryPop(out var reused) ? reused : Sys.socket(family, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            probe.Fail(TcpProbeStatus.SocketFailed, Marshal.GetLastPInvokeError());
            return;
        }
        if (probe.Local is { } local && Bind(fd, local) is var bindErrno and not 0)
        {
            Sys.close(fd);
            probe.Fail(TcpProbeStatus.BindFailed, bindErrno);
            return;
        }
        Span<byte> address = stackalloc byte[SocketAddress.SockaddrIn6Length];
        var length = Encode(remote, address);
        int result;
        fixed (byte* a = address)
            result = Sys.connect(fd, a, (uint)length);
        var errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        if (result != 0 && errno != Sys.EINPROGRESS)
        {
            Sys.close(fd);
            probe.Fail(TcpProbeStatus.Failed, errno);
            return;
        }
        probe.Fd = fd;
        lock (_gate) _probes[fd] = probe;
        if (result == 0)
        {
            Finish(probe, TcpProbeStatus.Connected, 0);
            return;
        }
        // A local peer has usually answered before connect() returned (loopback runs the handshake
        // in this thread): a second connect() says so (EISCONN) or gives the error, and the probe
        // ends without an epoll registration.
        fixed (byte* a = address)
            result = Sys.connect(fd, a, (uint)length);
        errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        if (result == 0 || errno == Sys.EISCONN)
        {
            Finish(probe, TcpProbeStatus.Connected, 0);
            return;
        }
        if (errno != Sys.EALREADY && errno != Sys.EINPROGRESS)
        {
            Finish(probe, TcpProbeStatus.Failed, errno);
            return;
        }
        var ev = new epoll_event { events = LibC.EPOLLOUT };
        ev.data.fd = fd;
        if (Sys.epoll_ctl(_epoll, LibC.EPOLL_CTL_ADD, fd, &ev) < 0)
        {
            Finish(probe, TcpProbeStatus.Failed, Marshal.GetLastPInvokeError());
            return;
        }
        probe.Registered = true;
        Schedule(Stopwatch.GetTimestamp() + Ticks(probe.Timeout), static s => { var p = (Probe)s!; p.Reactor.Finish(p, TcpProbeStatus.TimedOut, 0); }, probe);
        probe.ListenForCancellation();
    }

    private static int Bind(int fd, IPEndPoint local)
    {
        var option = local.Port == 0 ? LibC.IP_BIND_ADDRESS_NO_PORT : LibC.SO_REUSEADDR;
        var level = local.Port == 0 ? LibC.SOL_IP : LibC.SOL_SOCKET;
        var on = 1;
        // IP_BIND_ADDRESS_NO_PORT: the port is chosen at connect(), with the 4-tuple known, instead of
        // reserving a port for every local address at bind().
        Sys.setsockopt(fd, level, option, &on, sizeof(int));
        Span<byte> address = stackalloc byte[SocketAddress.SockaddrIn6Length];
        var length = Encode(local, address);
        fixed (byte* a = address)
            return Sys.bind(fd, a, (uint)length) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    private static int Encode(IPEndPoint endpoint, Span<byte> into)
    {
        into.Clear();
        int length;
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(into, (ushort)LibC.AF_INET6);
            endpoint.Address.TryWriteBytes(into.Slice(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(into[24..], (uint)endpoint.Address.ScopeId);
            length = SocketAddress.SockaddrIn6Length;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(into, (ushort)LibC.AF_INET);
            endpoint.Address.TryWriteBytes(into.Slice(4, 4), out _);
            length = 16;
        }
        BinaryPrimitives.WriteUInt16BigEndian(into[2..], (ushort)endpoint.Port);
        return length;
    }

    private void Complete(int fd)
    {
        Probe? probe;
        lock (_gate) _probes.TryGetValue(fd, out probe);
        if (probe is null) return;
        int error = 0;
        var size = (uint)sizeof(int);
        if (Sys.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ERROR, &error, &size) < 0)
            error = Marshal.GetLastPInvokeError();
        Finish(probe, error == 0 ? TcpProbeStatus.Connected : TcpProbeStatus.Failed, error);
    }

    /// <summary>Closes the probe's socket (RST when it connected: no FIN exchange, no TIME_WAIT) and completes it once.</summary>
    private void Finish(Probe probe, TcpProbeStatus status, int errno)
    {
        lock (_gate)
        {
            if (probe.Fd < 0 || !_probes.Remove(probe.Fd)) return;
        }
        var idle = probe.Remote.AddressFamily == AddressFamily.InterNetworkV6 ? _idleV6 : _idleV4;
        if (!_disposed && probe.Local is null && !probe.Registered && idle.Count < MaxIdle && Disconnect(probe.Fd))
        {
            idle.Push(probe.Fd); // disconnecting an established connection sends RST, as the close below
        }
        else
        {
            if (status == TcpProbeStatus.Connected)
            {
                var linger = new linger { l_onoff = 1, l_linger = 0 };
                Sys.setsockopt(probe.Fd, LibC.SOL_SOCKET, LibC.SO_LINGER, &linger, (uint)sizeof(linger));
            }
            Sys.close(probe.Fd); // also leaves the epoll set
        }
        probe.Fd = -1;
        probe.Complete(status, errno);
    }

    /// <summary>connect(AF_UNSPEC): back to an unbound, closed socket (RST to an established peer); its error is cleared.</summary>
    private static bool Disconnect(int fd)
    {
        var unspec = stackalloc byte[16];
        new Span<byte>(unspec, 16).Clear();
        if (Sys.connect(fd, unspec, 16) != 0) return false;
        int error = 0;
        var size = (uint)sizeof(int);
        Sys.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ERROR, &error, &size);
        return true;
    }

    private readonly record struct TimerEntry(Action<object?> Callback, object? State);

    private sealed class Delayed : TaskCompletionSource
    {
        private readonly CancellationTokenRegistration _registration;

        public Delayed(bool inline, CancellationToken cancellationToken)
            : base(inline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously)
        {
            if (cancellationToken.CanBeCanceled)
                _registration = cancellationToken.UnsafeRegister(static (s, t) => ((Delayed)s!).TrySetCanceled(t), this);
        }

        public void Fire()
        {
            _registration.Dispose();
            TrySetResult();
        }
    }

    private sealed class Probe(CheckReactor reactor, IPEndPoint remote, IPEndPoint? local, TimeSpan timeout, CancellationToken cancellationToken)
        : TaskCompletionSource<TcpProbeResult>
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private CancellationTokenRegistration _registration;

        public CheckReactor Reactor { get; } = reactor;
        public IPEndPoint Remote { get; } = remote;
        public IPEndPoint? Local { get; } = local;
        public TimeSpan Timeout { get; } = timeout;
        public int Fd { get; set; } = -1;
        public bool Registered { get; set; }

        public void ListenForCancellation()
        {
            if (!cancellationToken.CanBeCanceled) return;
            _registration = cancellationToken.UnsafeRegister(
                static s => { var p = (Probe)s!; p.Reactor.Schedule(Stopwatch.GetTimestamp(), static q => { var r = (Probe)q!; r.Reactor.Finish(r, TcpProbeStatus.Cancelled, 0); }, p); },
                this);
        }

        public void Fail(TcpProbeStatus status, int errno) => Complete(status, errno);

        public void Complete(TcpProbeStatus status, int errno)
        {
            _registration.Dispose();
            if (status == TcpProbeStatus.Cancelled)
                TrySetCanceled(cancellationToken);
            else
                TrySetResult(new TcpProbeResult(status, errno, Stopwatch.GetElapsedTime(_started)));
        }
    }
}
