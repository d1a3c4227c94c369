using Director.Core.Vrrp;
using static Director.Core.Tests.Vrrp.VrrpScenario;

namespace Director.Core.Tests.Vrrp;

/// <summary>
/// State x event -> state + actions, for a VRRPv2 instance of priority 100, 1 s interval, primary
/// address 10.0.0.2 (master down interval 3.609375 s, skew 0.609375 s); garp_master_delay 5 s, repeat 5.
/// </summary>
public class VrrpStateMachineTableTests
{
    private const string BecomeMaster100 = "Advert(100) AddVips Garp(5) Notify(Master) Set(Advert+1) Set(GarpDelay+5)";
    private const string MasterToBackup = "Cancel(Advert) Cancel(GarpDelay) RemoveVips Notify(Backup) Set(MasterDown+3.609375)";

    private static readonly Instant Now = T0 + TimeSpan.FromSeconds(1);

    public static TheoryData<string, string, VrrpState, string> Rows => new()
    {
        // Init
        { "init", "Startup", VrrpState.Backup, "RemoveVips Notify(Backup) Set(MasterDown+3.609375)" },
        { "init-owner-master", "Startup", VrrpState.Master, "Advert(255) AddVips Garp(5) Notify(Master) Set(Advert+1) Set(GarpDelay+5)" },
        { "init-master-100", "Startup", VrrpState.Backup, "RemoveVips Notify(Backup) Set(MasterDown+3.609375)" },
        { "init-owner-backup", "Startup", VrrpState.Backup, "RemoveVips Notify(Backup) Set(MasterDown+3.003906)" },
        { "init-down", "Startup", VrrpState.Fault, "Notify(Fault)" },
        { "init", "Advert150", VrrpState.Init, "" },
        { "init", "Shutdown", VrrpState.Stop, "" },
        // Backup
        { "backup", "Advert150", VrrpState.Backup, "Set(MasterDown+3.609375)" },
        { "backup", "Advert100", VrrpState.Backup, "Set(MasterDown+3.609375)" },
        { "backup", "Advert50", VrrpState.Backup, "Log" },
        { "backup-nopreempt", "Advert50", VrrpState.Backup, "Set(MasterDown+3.609375)" },
        { "backup", "Advert0", VrrpState.Backup, "Set(MasterDown+0.609375)" },
        { "backup-due", "MasterDownTimerExpired", VrrpState.Master, BecomeMaster100 },
        { "backup", "MasterDownTimerExpired", VrrpState.Backup, "Set(MasterDown+2.609375)" },
        { "backup", "AdvertTimerExpired", VrrpState.Backup, "" },
        { "backup", "InterfaceDown", VrrpState.Fault, "Cancel(MasterDown) Notify(Fault)" },
        { "backup", "InterfaceUp", VrrpState.Backup, "" },
        { "backup", "Shutdown", VrrpState.Stop, "Cancel(MasterDown) Notify(Stop)" },
        { "backup", "ForceMaster", VrrpState.Master, "Cancel(MasterDown) " + BecomeMaster100 },
        { "backup", "ForceFault", VrrpState.Fault, "Cancel(MasterDown) Notify(Fault)" },
        { "backup", "ForceBackup", VrrpState.Backup, "" },
        { "backup", "Priority200", VrrpState.Backup, "Set(MasterDown+2.21875)" },
        // Master
        { "master", "AdvertTimerExpired", VrrpState.Master, "Advert(100) Set(Advert+1)" },
        { "master", "Advert50", VrrpState.Master, "Advert(100)" },
        { "master", "Advert100Lower", VrrpState.Master, "Advert(100)" },
        { "master", "Advert100Higher", VrrpState.Backup, MasterToBackup },
        { "master", "Advert100Own", VrrpState.Master, "Log" },
        { "master", "Advert150", VrrpState.Backup, MasterToBackup },
        { "master", "Advert0", VrrpState.Master, "Advert(100) Set(Advert+1)" },
        { "master", "GarpDelayExpired", VrrpState.Master, "Garp(5)" },
        { "master", "GarpRefreshExpired", VrrpState.Master, "" },
        { "master", "MasterDownTimerExpired", VrrpState.Master, "" },
        { "master", "InterfaceDown", VrrpState.Fault, "Advert(0) RemoveVips Cancel(Advert) Cancel(GarpDelay) Notify(Fault)" },
        { "master", "Shutdown", VrrpState.Stop, "Advert(0) RemoveVips Cancel(Advert) Cancel(GarpDelay) Notify(Stop)" },
        { "master", "ForceBackup", VrrpState.Backup, MasterToBackup },
        { "master", "ForceFault", VrrpState.Fault, "Advert(0) RemoveVips Cancel(Advert) Cancel(GarpDelay) Notify(Fault)" },
        { "master", "ForceMaster", VrrpState.Master, "" },
        { "master", "Priority200", VrrpState.Master, "" },
        // Fault
        { "fault", "InterfaceUp", VrrpState.Backup, "Notify(Backup) Set(MasterDown+3.609375)" },
        { "fault-owner-master", "InterfaceUp", VrrpState.Master, "Advert(255) AddVips Garp(5) Notify(Master) Set(Advert+1) Set(GarpDelay+5)" },
        { "fault", "Advert150", VrrpState.Fault, "" },
        { "fault", "MasterDownTimerExpired", VrrpState.Fault, "" },
        { "fault", "ForceMaster", VrrpState.Fault, "" },
        { "fault", "ForceBackup", VrrpState.Fault, "" },
        { "fault", "Shutdown", VrrpState.Stop, "Notify(Stop)" },
        // Stop
        { "stop", "Startup", VrrpState.Stop, "" },
        { "stop", "Advert150", VrrpState.Stop, "" },
        { "stop", "InterfaceUp", VrrpState.Stop, "" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Transition(string from, string @event, VrrpState expectedState, string expectedActions)
    {
        var state = From(from);
        var transition = Run(state, Event(@event), Now);
        Assert.Equal(expectedState, transition.Next.State);
        Assert.Equal(expectedActions, Render(transition.Actions, Now));
    }

    private static VrrpInstanceState From(string name)
    {
        var owner = InstanceConfig(priority: 255, initial: VrrpState.Master);
        return name switch
        {
            "init" => Init(),
            "init-owner-master" => Init(owner),
            "init-master-100" => Init(InstanceConfig(initial: VrrpState.Master)),
            "init-owner-backup" => Init(InstanceConfig(priority: 255)),
            "init-down" => Run(Init(), new VrrpEvent.InterfaceDown(), T0).Next,
            "backup" => Backup(),
            "backup-due" => Backup() with { MasterDownAt = Now },
            "backup-nopreempt" => Backup(InstanceConfig() with { NoPreempt = true }),
            "master" => Master() with { AdvertAt = Now, GarpDelayAt = Now },
            "fault" => Fault(),
            "fault-owner-master" => Run(Init(owner) with { InterfaceUp = false }, new VrrpEvent.Startup(), T0).Next,
            "stop" => Stopped(),
            _ => throw new ArgumentException(name),
        };
    }

    private static VrrpEvent Event(string name) => name switch
    {
        "Startup" => new VrrpEvent.Startup(),
        "Shutdown" => new VrrpEvent.Shutdown(),
        "Advert150" => Advert(150),
        "Advert100" => Advert(100),
        "Advert50" => Advert(50),
        "Advert0" => Advert(0),
        "Advert100Lower" => Advert(100, "10.0.0.1"),
        "Advert100Higher" => Advert(100, "10.0.0.3"),
        "Advert100Own" => Advert(100, "10.0.0.2"),
        "MasterDownTimerExpired" => new VrrpEvent.MasterDownTimerExpired(),
        "AdvertTimerExpired" => new VrrpEvent.AdvertTimerExpired(),
        "GarpDelayExpired" => new VrrpEvent.GarpDelayExpired(),
        "GarpRefreshExpired" => new VrrpEvent.GarpRefreshExpired(),
        "InterfaceDown" => new VrrpEvent.InterfaceDown(),
        "InterfaceUp" => new VrrpEvent.InterfaceUp(),
        "ForceMaster" => new VrrpEvent.SyncGroupForce(VrrpState.Master),
        "ForceBackup" => new VrrpEvent.SyncGroupForce(VrrpState.Backup),
        "ForceFault" => new VrrpEvent.SyncGroupForce(VrrpState.Fault),
        "Priority200" => new VrrpEvent.PriorityChanged(200),
        _ => throw new ArgumentException(name),
    };
}
