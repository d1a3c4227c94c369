using System.Runtime.ExceptionServices;
using Director.Native.Interop;

namespace Director.Native.Namespaces;

/// <summary>
/// Runs code inside a named network namespace (/var/run/netns/NAME) on a dedicated thread that
/// called setns(2). Sockets opened there stay in that namespace after the thread ends.
/// </summary>
public static class NetworkNamespace
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="action"/> in namespace <paramref name="name"/>, or in the caller's when
    /// null. Exceptions are rethrown as thrown (e.g. <see cref="KernelCallException"/>); a missing
    /// namespace surfaces as <see cref="FileNotFoundException"/>.
    /// </summary>
    public static T Run<T>(string? name, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (name is null) return action();

        T? result = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Enter(name);
                result = action();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = $"netns:{name}",
        };
        thread.Start();
        if (!thread.Join(Timeout))
            throw new TimeoutException($"code in network namespace {name} did not finish within {Timeout}");
        failure?.Throw();
        return result!;
    }

    public static void Run(string? name, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run<object?>(name, () =>
        {
            action();
            return null;
        });
    }

    private static void Enter(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            throw new ArgumentException($"invalid namespace name '{name}'", nameof(name));
        using var handle = File.OpenHandle(Path.Combine("/var/run/netns", name), FileMode.Open, FileAccess.Read);
        Sys.Check(Sys.setns((int)handle.DangerousGetHandle(), Sys.CLONE_NEWNET), $"setns({name})");
    }
}
