using System.Runtime.InteropServices;

namespace Director.TestSupport.Netns;

/// <summary>
/// Runs a delegate of the test process inside a named network namespace: a dedicated thread
/// calls setns(2) on /var/run/netns/NAME, runs it, and ends (the switch never leaks to pool threads).
/// Sockets opened there stay in that namespace.
/// </summary>
public static class NamespaceThread
{
    private const int CLONE_NEWNET = 0x40000000;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // a plain DllImport keeps this project free of unsafe code
    private static extern int setns(int fd, int nstype);
#pragma warning restore SYSLIB1054

    public static T Run<T>(string namespaceName, Func<T> action, TimeSpan? timeout = null)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using (var handle = File.OpenHandle(Path.Combine("/var/run/netns", namespaceName), FileMode.Open, FileAccess.Read))
                {
                    if (setns((int)handle.DangerousGetHandle(), CLONE_NEWNET) != 0)
                        throw new InvalidOperationException($"setns({namespaceName}) failed: errno {Marshal.GetLastPInvokeError()}");
                }
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = $"lab-netns:{namespaceName}" };
        thread.Start();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        if (!thread.Join(limit)) throw new TimeoutException($"code in namespace {namespaceName} ran longer than {limit}");
        if (failure is not null) throw new InvalidOperationException($"in namespace {namespaceName}: {failure.Message}", failure);
        return result!;
    }

    public static void Run(string namespaceName, Action action, TimeSpan? timeout = null) =>
        Run<object?>(namespaceName, () => { action(); return null; }, timeout);
}
