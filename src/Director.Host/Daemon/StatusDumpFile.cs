namespace Director.Host.Daemon;

/// <summary>
/// Where SIGUSR1 writes the instance statuses as JSON (beside keepalived.data): $DIRECTOR_STATUS_FILE,
/// else director.data.json in the dump folder ($DIRECTOR_DUMP_DIR, else /tmp).
/// </summary>
public static class StatusDumpFile
{
    public const string EnvironmentVariable = "DIRECTOR_STATUS_FILE";
    public const string Name = "director.data.json";

    public static string Resolve() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? path : Path.Combine(KeepalivedDumpFiles.Folder(), Name);
}
