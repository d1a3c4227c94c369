using System.Runtime.CompilerServices;

namespace Director.Tests;

/// <summary>
/// xunit runs test classes in parallel and many tests wait synchronously (TestKit's Expect*,
/// Ask(...).Result); on a 2-core machine the thread pool starts with 2 threads and adds about one
/// per half second, so a loaded run could hold an actor's message back for seconds. A floor of
/// threads keeps every test's own timing what it would be on an idle machine.
/// </summary>
internal static class ThreadPoolFloor
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
