namespace Director.Host.Daemon;

/// <summary>
/// Where SIGUSR1 and SIGUSR2 write, named as keepalived 2.2.7 names them: /tmp/keepalived.data
/// (running configuration and state) and /tmp/keepalived.stats (per-instance counters). The
/// folder can be moved with $DIRECTOR_DUMP_DIR (several daemons on one host, tests).
/// </summary>
public static class KeepalivedDumpFiles
{
    public const string DirectoryVariable = "DIRECTOR_DUMP_DIR";
    public const string DataName = "keepalived.data";
    public const string StatsName = "keepalived.stats";

    public static string Folder() =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } folder ? folder : "/tmp";

    public static string DataPath() => Path.Combine(Folder(), DataName);

    public static string StatsPath() => Path.Combine(Folder(), StatsName);

    /// <summary>Temp file + rename (a reader never sees half a file), mode 0600 as keepalived's.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        File.Move(temporary, path, overwrite: true);
    }
}
