using System.Globalization;
using Director.Core.Vrrp;

namespace Director.Core.Tests.Vrrp;

/// <summary>Builds instance states for state machine tests and renders actions compactly.</summary>
internal static class VrrpScenario
{
    public static readonly Instant T0 = Instant.FromSeconds(100);

    public static VrrpInstanceConfig InstanceConfig(VrrpVersion version = VrrpVersion.V2, byte priority = 100,
        VrrpState initial = VrrpState.Backup, double interval = 1) =>
        new(version, 51, priority, TimeSpan.FromSeconds(interval), Ips.A("10.0.0.2"), initial);

    public static VrrpInstanceState Init(VrrpInstanceConfig? config = null) => VrrpInstanceState.Create(config ?? InstanceConfig());

    public static VrrpInstanceState Backup(VrrpInstanceConfig? config = null) =>
        Run(Init(config), new VrrpEvent.Startup(), T0).Next;

    public static VrrpInstanceState Master(VrrpInstanceConfig? config = null)
    {
        var backup = Backup(config);
        var master = Run(backup, new VrrpEvent.MasterDownTimerExpired(), backup.MasterDownAt!.Value).Next;
        Assert.Equal(VrrpState.Master, master.State);
        return master;
    }

    public static VrrpInstanceState Fault(VrrpInstanceConfig? config = null) =>
        Run(Backup(config), new VrrpEvent.InterfaceDown(), T0).Next;

    public static VrrpInstanceState Stopped() => Run(Backup(), new VrrpEvent.Shutdown(), T0).Next;

    public static VrrpTransition Run(VrrpInstanceState state, VrrpEvent @event, Instant now) =>
        VrrpStateMachine.Handle(state, @event, now);

    public static VrrpEvent.AdvertReceived Advert(byte priority, string source = "10.0.0.9", double interval = 1) =>
        new(priority, Ips.A(source), TimeSpan.FromSeconds(interval));

    /// <summary>Actions as one line, timers relative to <paramref name="now"/> in seconds.</summary>
    public static string Render(IEnumerable<VrrpAction> actions, Instant now) => string.Join(" ", actions.Select(a => a switch
    {
        VrrpAction.SendAdvert send => $"Advert({send.Priority})",
        VrrpAction.AddVips add => add.BlockTraffic ? "AddVips(block)" : "AddVips",
        VrrpAction.RemoveVips => "RemoveVips",
        VrrpAction.SendGratuitousArp garp => $"Garp({garp.Repeat})",
        VrrpAction.SetTimer set => $"Set({set.Timer}+{(set.At - now).TotalSeconds.ToString(CultureInfo.InvariantCulture)})",
        VrrpAction.CancelTimer cancel => $"Cancel({cancel.Timer})",
        VrrpAction.Notify notify => $"Notify({notify.State})",
        VrrpAction.Log => "Log",
        _ => a.ToString(),
    }));
}
