namespace Director.Host.Daemon;

/// <summary>Writes the process id to a file for the life of the daemon (keepalived's -p).</summary>
public sealed class PidFile : IDisposable
{
    private readonly string? _path;

    private PidFile(string? path) => _path = path;

    public static PidFile Create(string? path)
    {
        if (path is not null)
            File.WriteAllText(path, $"{Environment.ProcessId}\n");
        return new PidFile(path);
    }

    public void Dispose()
    {
        if (_path is not null && File.Exists(_path))
            File.Delete(_path);
    }
}
