using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Event;
using Director.Actors.State;

namespace Director.Host.Daemon;

/// <summary>
/// keepalived's dump signals, answered from the `state` actor: SIGUSR1 writes
/// <see cref="KeepalivedDumpFiles.DataPath"/>, SIGUSR2 <see cref="KeepalivedDumpFiles.StatsPath"/>.
/// (SIGUSR1 also writes the JSON dump: <see cref="StatusDumpSignal"/>.)
/// </summary>
public sealed class KeepalivedDumpSignals : IDisposable
{
    private const int SIGUSR1 = 10, SIGUSR2 = 12;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly PosixSignalRegistration _data;
    private readonly PosixSignalRegistration _stats;

    private KeepalivedDumpSignals(ActorSystem system, IActorRef state)
    {
        _data = PosixSignalRegistration.Create((PosixSignal)SIGUSR1, context =>
        {
            context.Cancel = true;
            _ = DumpAsync(system, state, KeepalivedDumpFiles.DataPath(), KeepalivedDataText.Format);
        });
        _stats = PosixSignalRegistration.Create((PosixSignal)SIGUSR2, context =>
        {
            context.Cancel = true;
            _ = DumpAsync(system, state, KeepalivedDumpFiles.StatsPath(), s => KeepalivedStatsText.Format(s.VrrpInstances));
        });
    }

    public static KeepalivedDumpSignals Register(ActorSystem system, IActorRef state) => new(system, state);

    private static async Task DumpAsync(ActorSystem system, IActorRef state, string path, Func<DirectorState, string> format)
    {
        try
        {
            var local = await state.Ask<DirectorState>(GetDirectorState.Instance, AskTimeout);
            KeepalivedDumpFiles.WriteAtomically(path, format(local));
            Logging.GetLogger(system, "signals").Info("state written to {Path}", path);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or IOException or UnauthorizedAccessException)
        {
            Logging.GetLogger(system, "signals").Warning("dump to {Path} failed: {Reason}", path, e.Message);
        }
    }

    public void Dispose()
    {
        _data.Dispose();
        _stats.Dispose();
    }
}
