using System.Diagnostics;
using Director.TestSupport.Netns;

namespace Director.TestSupport.Vm;

/// <summary>
/// Debian's own kernel (IPVS, IPIP, every ip_vs_* scheduler, nf_tables) booted under QEMU/TCG by
/// scripts/ipvs-vm.sh, with the host's / read-only plus a tmpfs overlay as its root. Scripts run
/// inside as root through a shared folder: the host writes req/ID.sh, the guest agent answers
/// with res/ID.out and res/ID.rc. One script at a time; a boot serves many tests.
/// </summary>
public sealed class TestVm : IAsyncDisposable
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _qemu;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _nextId;

    private TestVm(Process qemu, string sharedDir)
    {
        _qemu = qemu;
        SharedDir = sharedDir;
    }

    /// <summary>Host folder seen as /out inside the VM.</summary>
    public string SharedDir { get; }

    /// <summary><c>uname -r</c> inside the VM.</summary>
    public string KernelRelease { get; private set; } = "";

    private string ConsoleLog => Path.Combine(SharedDir, "console.log");

    /// <summary>Prepares (downloads the kernel once) and boots; <see cref="VmUnavailableException"/> with the reason otherwise.</summary>
    public static async Task<TestVm> BootAsync(int memoryMegabytes = 3072, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "ipvs-vm.sh");
        var prepared = Command.Run("bash", [script, "prepare"], TimeSpan.FromMinutes(10));
        if (!prepared.Succeeded) throw new VmUnavailableException($"`ipvs-vm.sh prepare` exited with {prepared.ExitCode}: {prepared.Stderr.Trim()}");

        var share = Directory.CreateTempSubdirectory("director-vm.").FullName;
        var console = Path.Combine(share, "console.log");
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardInput = true };
        info.Environment["DIRECTOR_VM_MEMORY_MB"] = memoryMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["DIRECTOR_VM_OWNER_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec bash \"$0\" boot \"$1\" > \"$1/console.log\" 2>&1");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(share);
        var qemu = Process.Start(info) ?? throw new VmUnavailableException("could not start bash for ipvs-vm.sh boot");
        var vm = new TestVm(qemu, share);
        try
        {
            var ready = Path.Combine(share, "ready");
            var deadline = DateTime.UtcNow + BootTimeout;
            while (!File.Exists(ready))
            {
                if (qemu.HasExited)
                    throw new VmUnavailableException($"QEMU exited with {qemu.ExitCode} before the guest was up; console:\n{Tail(console)}");
                if (DateTime.UtcNow > deadline)
                    throw new VmUnavailableException($"the guest was not up within {BootTimeout.TotalSeconds} s; console:\n{Tail(console)}");
                await Task.Delay(100, cancellationToken);
            }

            vm.KernelRelease = (await File.ReadAllTextAsync(ready, cancellationToken)).Trim();
            return vm;
        }
        catch
        {
            await vm.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="bashScript"/> inside the VM (bash, as root, cwd /). Past
    /// <paramref name="timeout"/> the guest kills it and the result says <see cref="VmResult.TimedOut"/>.
    /// </summary>
    public async Task<VmResult> RunAsync(string bashScript, TimeSpan timeout)
    {
        await _oneAtATime.WaitAsync();
        try
        {
            var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var request = Path.Combine(SharedDir, "req", id);
            var seconds = (int)Math.Ceiling(timeout.TotalSeconds);
            await File.WriteAllTextAsync(request + ".limit", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await File.WriteAllTextAsync(request + ".tmp", bashScript);
            File.Move(request + ".tmp", request + ".sh");

            var rc = Path.Combine(SharedDir, "res", id + ".rc");
            // The guest's own timeout ends the script; the margin covers its kill grace and the agent's poll.
            var deadline = DateTime.UtcNow + timeout + TimeSpan.FromSeconds(30);
            while (!File.Exists(rc))
            {
                if (_qemu.HasExited)
                    throw new VmUnavailableException($"the VM stopped (QEMU exit {_qemu.ExitCode}) while running a script; console:\n{Tail(ConsoleLog)}");
                if (DateTime.UtcNow > deadline)
                    return new VmResult(-1, ReadOutput(id) + $"\n[the guest agent did not answer within {timeout.TotalSeconds} s + 30 s]", true);
                await Task.Delay(50);
            }

            var exit = int.Parse((await File.ReadAllTextAsync(rc)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return new VmResult(exit, ReadOutput(id), exit is 124 or 137);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_qemu.HasExited)
            {
                await File.WriteAllTextAsync(Path.Combine(SharedDir, "req", "shutdown"), "");
                using var wait = new CancellationTokenSource(ShutdownTimeout);
                try
                {
                    await _qemu.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _qemu.Kill(entireProcessTree: true);
                    await _qemu.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _qemu.Dispose();
            _oneAtATime.Dispose();
            try
            {
                Directory.Delete(SharedDir, recursive: true);
            }
            catch (IOException)
            {
                // a file still open by a dying QEMU: the folder is in /tmp and named director-vm.*
            }
        }
    }

    private string ReadOutput(string id)
    {
        var path = Path.Combine(SharedDir, "res", id + ".out");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(30)) : "(no console output)";
}
