using System.Collections.Concurrent;
using Tmds.Linux;

namespace Director.Native.Nftables;

/// <summary>
/// A dedicated thread that runs work items one at a time, optionally inside a named network
/// namespace (/run/netns/NAME): setns on one thread moves only that thread.
/// </summary>
internal sealed class NamespaceThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public NamespaceThread(string name, string? networkNamespace)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _thread = new Thread(() => Run(networkNamespace, ready)) { IsBackground = true, Name = name };
        _thread.Start();
        ready.Task.GetAwaiter().GetResult();
    }

    public Task<T> InvokeAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }, cancellationToken);
        return done.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _work.Dispose();
    }

    private void Run(string? networkNamespace, TaskCompletionSource ready)
    {
        try
        {
            if (networkNamespace is not null) Enter(networkNamespace);
            ready.SetResult();
        }
        catch (Exception e)
        {
            ready.SetException(e);
            return;
        }

        foreach (var item in _work.GetConsumingEnumerable()) item();
    }

    private static void Enter(string name)
    {
        using var handle = File.OpenHandle(Path.Combine("/run/netns", name));
        var fd = (int)handle.DangerousGetHandle();
        if (LibC.setns(fd, LibC.CLONE_NEWNET) != 0)
        {
            throw new IOException($"setns into network namespace {name} failed (errno {LibC.errno})");
        }
    }
}
