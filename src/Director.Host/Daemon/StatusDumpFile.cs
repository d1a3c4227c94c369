namespace Director.Host.Daemon;

/// <summary>Where SIGUSR1 writes the instance statuses (keepalived writes /tmp/keepalived.data).</summary>
public static class StatusDumpFile
{
    public const string EnvironmentVariable = "DIRECTOR_STATUS_FILE";
    public const string DefaultPath = "/tmp/director.data.json";

    public static string Resolve() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? path : DefaultPath;
}
