using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Vrrp;

/// <summary>The command lines of the two daemons: director from the test output folder, keepalived from PATH.</summary>
public static class DaemonBinaries
{
    /// <summary>`director` (apphost) next to the test assembly, else `dotnet director.dll`.</summary>
    public static IReadOnlyList<string> Director()
    {
        var folder = AppContext.BaseDirectory;
        var apphost = Path.Combine(folder, "director");
        if (File.Exists(apphost)) return [apphost];
        var dll = Path.Combine(folder, "director.dll");
        if (File.Exists(dll)) return [Command.Find("dotnet") ?? "dotnet", dll];
        throw new InvalidOperationException($"director is not in {folder}: the test project must reference Director.Host");
    }

    public static string Keepalived() =>
        Command.Find("keepalived") ?? throw new InvalidOperationException("keepalived is not installed (Debian package keepalived)");
}
