namespace Director.Native.Nftables;

/// <summary>
/// libnftables on a thread of its own (optionally inside a named network namespace) with one
/// context, created on that thread at first use and disposed there; work runs one item at a time.
/// </summary>
internal sealed class NftSession : IDisposable
{
    private readonly NamespaceThread _thread;
    private NftContext? _context;
    private bool _disposed;

    private readonly Func<string?> _probe;

    /// <param name="networkNamespace">A name under /run/netns to act in; null: the daemon's own.</param>
    public NftSession(string threadName, string? networkNamespace)
        : this(threadName, networkNamespace, () => NetfilterNetlinkProbe.Unavailable())
    {
    }

    /// <param name="probe">Null when libnftables may be used on the session's thread, else why not.</param>
    internal NftSession(string threadName, string? networkNamespace, Func<string?> probe)
    {
        _thread = new NamespaceThread(threadName, networkNamespace);
        _probe = probe;
    }

    /// <exception cref="NftUnavailableException">The kernel has no nftables netlink (libnftables would exit the process).</exception>
    public Task<T> InvokeAsync<T>(Func<NftContext, T> work, CancellationToken cancellationToken) =>
        _thread.InvokeAsync(() => work(_context ??= Open()), cancellationToken);

    // Probed until a context exists: the module may be loaded while the daemon runs.
    private NftContext Open() =>
        _probe() is { } reason ? throw new NftUnavailableException(reason) : new NftContext();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _thread.InvokeAsync(() =>
        {
            _context?.Dispose();
            return true;
        }, CancellationToken.None).Wait(TimeSpan.FromSeconds(5));
        _thread.Dispose();
    }
}
