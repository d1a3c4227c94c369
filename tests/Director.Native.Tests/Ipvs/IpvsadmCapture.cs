using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Director.Native.Tests.Ipvs;

/// <summary>
/// Runs Debian's ipvsadm against a stand-in for the kernel: an LD_PRELOAD shim (compiled here with
/// gcc from ipvsadm_capture_shim.c) that answers the IPVS family lookup and records every message.
/// Missing tools fail the tests with the reason (CI: apt-get install ipvsadm libnl-3-dev libnl-genl-3-dev gcc).
/// Owns a temporary directory, removed on dispose.
/// </summary>
public sealed class IpvsadmCapture : IDisposable
{
    public const ushort FakeFamilyId = 0x4242;
    private const string ShimSource = "ipvsadm_capture_shim.c";
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(20);
    private readonly string _directory;
    private readonly Lazy<string> _shim;
    private int _runs;

    public IpvsadmCapture()
    {
        _directory = Directory.CreateTempSubdirectory("director-ipvsadm-").FullName;
        _shim = new Lazy<string>(BuildShim);
    }

    /// <summary>Runs ipvsadm with <paramref name="arguments"/>; returns every message it sent, in order.</summary>
    public IReadOnlyList<byte[]> Run(params string[] arguments) => RunAnswering(null, arguments).Sent;

    /// <summary>
    /// Runs ipvsadm with the shim answering its requests from <paramref name="replies"/> (kernel-style
    /// NEW_SERVICE / NEW_DEST / SET_INFO messages); returns what it sent and what it printed.
    /// </summary>
    public (IReadOnlyList<byte[]> Sent, string Output) RunAnswering(byte[]? replies, params string[] arguments)
    {
        var ipvsadm = FindTool("ipvsadm", "/usr/sbin/ipvsadm", "/sbin/ipvsadm")
            ?? throw new InvalidOperationException("ipvsadm is not installed (Debian package ipvsadm)");
        var output = Path.Combine(_directory, $"capture-{Interlocked.Increment(ref _runs)}.bin");
        var start = new ProcessStartInfo(ipvsadm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["LD_PRELOAD"] = _shim.Value;
        start.Environment["DIRECTOR_IPVS_CAPTURE"] = output;
        if (replies is not null)
        {
            var repliesPath = Path.ChangeExtension(output, ".replies");
            File.WriteAllBytes(repliesPath, replies);
            start.Environment["DIRECTOR_IPVS_REPLIES"] = repliesPath;
        }

        var (exit, stdout, stderr) = RunBounded(start);
        if (exit != 0)
            throw new InvalidOperationException($"ipvsadm {string.Join(' ', arguments)} exited {exit}: {stderr}{stdout}");
        if (!File.Exists(output)) return ([], stdout);
        var bytes = File.ReadAllBytes(output);
        return (Director.Native.Ipvs.GenericNetlinkMessage.Split(bytes).Select(m => m.ToArray()).ToList(), stdout);
    }

    /// <summary>The message after ipvsadm's initial GET_INFO: the command itself.</summary>
    public byte[] RunCommand(params string[] arguments)
    {
        var messages = Run(arguments);
        Assert.True(messages.Count == 2, $"ipvsadm {string.Join(' ', arguments)} sent {messages.Count} messages, expected GET_INFO and one command");
        return messages[1];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp directory left behind is harmless
        }
    }

    private string BuildShim()
    {
        var gcc = FindTool("gcc", "/usr/bin/gcc") ?? throw new InvalidOperationException("gcc is not installed (Debian package gcc)");
        foreach (var header in new[] { "/usr/include/libnl3/netlink/netlink.h", "/usr/include/libnl3/netlink/genl/genl.h" })
        {
            if (!File.Exists(header))
                throw new InvalidOperationException($"{header} is missing (Debian packages libnl-3-dev libnl-genl-3-dev)");
        }

        var source = LocateSource();
        var library = Path.Combine(_directory, "ipvsadm_capture_shim.so");
        var start = new ProcessStartInfo(gcc)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-shared", "-fPIC", "-Wall", "-Wextra", "-Werror", "-I/usr/include/libnl3", "-o", library, source, "-lnl-3", "-lnl-genl-3" })
            start.ArgumentList.Add(a);
        var (exit, stdout, stderr) = RunBounded(start);
        if (exit != 0) throw new InvalidOperationException($"gcc could not build the ipvsadm capture shim ({exit}): {stderr}{stdout}");
        return library;
    }

    private static string LocateSource([CallerFilePath] string thisFile = "")
    {
        var besideThisFile = Path.Combine(Path.GetDirectoryName(thisFile) ?? ".", ShimSource);
        if (File.Exists(besideThisFile)) return besideThisFile;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Director.Native.Tests", "Ipvs", ShimSource);
            if (File.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException($"cannot find {ShimSource} beside {thisFile} or above {AppContext.BaseDirectory}");
    }

    private static string? FindTool(string name, params string[] usual)
    {
        foreach (var path in usual)
        {
            if (File.Exists(path)) return path;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }

        return null;
    }

    private static (int Exit, string Stdout, string Stderr) RunBounded(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RunLimit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {RunLimit}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
