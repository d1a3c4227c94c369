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

    /// <param name="networkNamespace">A name under /run/netns to act in; null: the daemon's own.</param>
    public NftSession(string threadName, string? networkNamespace) =>
        _thread = new NamespaceThread(threadName, networkNamespace);

    public Task<T> InvokeAsync<T>(Func<NftContext, T> work, CancellationToken cancellationToken) =>
        _thread.InvokeAsync(() => work(_context ??= new NftContext()), cancellationToken);

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
