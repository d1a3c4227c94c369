using System.Diagnostics;
using System.Text;

namespace Director.TestSupport.Netns;

/// <summary>A process started inside a lab namespace; killed (SIGKILL, bounded wait) when disposed.</summary>
public sealed class LabProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    internal LabProcess(string namespaceName, IReadOnlyList<string> command)
    {
        var info = new ProcessStartInfo(NetworkLab.IpPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("netns");
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(namespaceName);
        foreach (var part in command) info.ArgumentList.Add(part);
        CommandLine = string.Join(' ', command);
        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {CommandLine}");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string CommandLine { get; }

    /// <summary>The process id (ip netns exec replaces itself with the command, so this is the command's pid).</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended (also after <see cref="Dispose"/>, which waits for the kill).</summary>
    public bool HasExited => _disposedAndExited || _process.HasExited;

    private bool _disposedAndExited;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Sends a signal (e.g. 15 for SIGTERM) with kill(1).</summary>
    public void Signal(int signal) => Command.Run("kill", $"-{signal}", Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        if (_disposedAndExited) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _disposedAndExited = _process.HasExited;
        _process.Dispose();
    }
}
