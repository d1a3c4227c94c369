using Director.TestSupport.Netns;

namespace Director.TestSupport.Vm;

/// <summary>
/// The daemon as operators run it (published ReadyToRun for linux-x64: the VM's TCG emulation
/// runs .NET ~30x slower, and a ReadyToRun image JITs far less). Inside the VM the host's / is
/// the root, so the host path works there too. scripts/test.sh publishes it before the tests; a
/// test run on its own publishes it once, here.
/// </summary>
public static class VmArtifacts
{
    private static readonly Lazy<string> Director = new(PublishOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string PublishedDirectory => Path.Combine(RepositoryRoot.Path, "artifacts", "vm-director");

    public static string PublishedDirector => Director.Value;

    private static string PublishOnce()
    {
        var binary = Path.Combine(PublishedDirectory, "director");
        var sources = Path.Combine(RepositoryRoot.Path, "src");
        var assembly = Path.Combine(PublishedDirectory, "director.dll");
        if (File.Exists(binary) && File.Exists(assembly) && File.GetLastWriteTimeUtc(assembly) >= NewestSource(sources)) return binary;
        var result = Command.Run("dotnet",
            ["publish", Path.Combine(sources, "Director.Host"), "-c", "Release", "-r", "linux-x64", "-o", PublishedDirectory, "-nologo", "-v", "q"],
            TimeSpan.FromMinutes(10));
        if (!result.Succeeded || !File.Exists(binary))
            throw new InvalidOperationException($"publishing the daemon for the VM failed ({result.ExitCode}): {result.Stdout}{result.Stderr}");
        return binary;
    }

    private static DateTime NewestSource(string folder) => Directory
        .EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
        .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
        .Select(File.GetLastWriteTimeUtc)
        .DefaultIfEmpty(DateTime.MinValue)
        .Max();
}
