using Director.Core.Vrrp;
using static Director.Core.Tests.Vrrp.VrrpScenario;

namespace Director.Core.Tests.Vrrp;

/// <summary>keepalived specifics beyond the transition table.</summary>
public class VrrpStateMachineBehaviourTests
{
    [Fact]
    public void V3_backup_adopts_the_masters_interval_for_its_down_timer()
    {
        var backup = Backup(InstanceConfig(VrrpVersion.V3, interval: 1));
        var now = T0 + TimeSpan.FromSeconds(1);
        var t = Run(backup, Advert(150, interval: 0.1), now);
        Assert.Equal(TimeSpan.FromMilliseconds(100), t.Next.MasterAdvertInterval);
        // 3 * 0.1 s + (256 - 100) * 10 cs * 625 / 16 us = 0.360937 s
        Assert.Equal("Set(MasterDown+0.360937)", Render(t.Actions, now));
    }

    [Fact]
    public void V2_backup_keeps_its_own_interval()
    {
        var t = Run(Backup(), Advert(150, interval: 3), T0);
        Assert.Equal(TimeSpan.FromSeconds(1), t.Next.MasterAdvertInterval);
    }

    [Fact]
    public void V3_master_stepping_down_adopts_the_new_masters_interval_and_readopts_its_own_on_return()
    {
        var master = Master(InstanceConfig(VrrpVersion.V3, interval: 1));
        var t = Run(master, Advert(200, interval: 0.5), T0);
        Assert.Equal(VrrpState.Backup, t.Next.State);
        Assert.Equal(TimeSpan.FromMilliseconds(500), t.Next.MasterAdvertInterval);
        var again = Run(t.Next, new VrrpEvent.MasterDownTimerExpired(), t.Next.MasterDownAt!.Value);
        Assert.Equal(TimeSpan.FromSeconds(1), again.Next.MasterAdvertInterval);
        Assert.Contains(new VrrpAction.SetTimer(VrrpTimerKind.Advert, t.Next.MasterDownAt!.Value + TimeSpan.FromSeconds(1)), again.Actions);
    }

    [Fact]
    public void Preempt_delay_holds_back_for_the_delay_then_lets_the_down_timer_run_out()
    {
        var config = InstanceConfig() with { PreemptDelay = TimeSpan.FromSeconds(10) };
        var state = Backup(config);
        var t1 = T0 + TimeSpan.FromSeconds(1);
        var first = Run(state, Advert(50), t1);
        Assert.Equal(t1 + TimeSpan.FromSeconds(10), first.Next.PreemptUntil);
        Assert.Equal("Set(MasterDown+3.609375)", Render(first.Actions, t1));

        var t2 = t1 + TimeSpan.FromSeconds(5);
        var during = Run(first.Next, Advert(50), t2);
        Assert.Equal("Set(MasterDown+3.609375)", Render(during.Actions, t2));
        Assert.Equal(first.Next.PreemptUntil, during.Next.PreemptUntil);

        var t3 = t1 + TimeSpan.FromSeconds(11);
        var after = Run(during.Next, Advert(50), t3);
        Assert.Equal("Log", Render(after.Actions, t3));

        var expired = Run(after.Next, new VrrpEvent.MasterDownTimerExpired(), after.Next.MasterDownAt!.Value);
        Assert.Equal(VrrpState.Master, expired.Next.State);
    }

    [Fact]
    public void Higher_priority_advert_stops_the_preempt_delay()
    {
        var config = InstanceConfig() with { PreemptDelay = TimeSpan.FromSeconds(10) };
        var started = Run(Backup(config), Advert(50), T0).Next;
        Assert.NotNull(started.PreemptUntil);
        Assert.Null(Run(started, Advert(150), T0 + TimeSpan.FromSeconds(1)).Next.PreemptUntil);
    }

    [Fact]
    public void Leaving_fault_starts_the_preempt_delay()
    {
        var config = InstanceConfig() with { PreemptDelay = TimeSpan.FromSeconds(10) };
        var up = Run(Fault(config), new VrrpEvent.InterfaceUp(), T0 + TimeSpan.FromSeconds(2)).Next;
        Assert.Equal(T0 + TimeSpan.FromSeconds(12), up.PreemptUntil);
    }

    [Fact]
    public void Nopreempt_and_preempt_delay_do_nothing_with_initial_state_master()
    {
        var config = InstanceConfig(initial: VrrpState.Master) with { NoPreempt = true, PreemptDelay = TimeSpan.FromSeconds(10) };
        Assert.True(config.Preempts);
        Assert.Equal(TimeSpan.Zero, config.EffectivePreemptDelay);
        Assert.Equal("Log", Render(Run(Backup(config), Advert(50), T0).Actions, T0));
    }

    [Fact]
    public void Two_address_owners_the_local_one_steps_down_to_254_and_so_yields()
    {
        var owner = InstanceConfig(priority: 255, initial: VrrpState.Master);
        var master = Run(Init(owner), new VrrpEvent.Startup(), T0).Next;
        foreach (var source in new[] { "10.0.0.1", "10.0.0.3" })
        {
            var t = Run(master, Advert(255, source), T0);
            Assert.Equal(VrrpState.Backup, t.Next.State);
            Assert.Equal(254, t.Next.BasePriority);
            Assert.Equal(254, t.Next.EffectivePriority);
            Assert.StartsWith("Log Cancel(Advert)", Render(t.Actions, T0));
        }
    }

    [Fact]
    public void Lower_prio_no_advert_stays_silent_and_higher_prio_send_advert_answers_before_stepping_down()
    {
        var quiet = Master(InstanceConfig() with { LowerPriorityNoAdvert = true });
        Assert.Empty(Run(quiet, Advert(50), T0).Actions);

        var loud = Master(InstanceConfig() with { HigherPrioritySendAdvert = true });
        var t = Run(loud, Advert(150), T0);
        Assert.Equal(VrrpState.Backup, t.Next.State);
        Assert.StartsWith("Advert(100) Cancel(Advert)", Render(t.Actions, T0));
    }

    [Fact]
    public void Early_timer_expiry_rearms_and_stale_expiry_after_a_reset_is_not_a_takeover()
    {
        var backup = Backup();
        var reset = Run(backup, Advert(150), T0 + TimeSpan.FromSeconds(3)).Next;
        // The timer armed at startup fires at its old deadline: the advert moved the deadline on.
        var stale = Run(reset, new VrrpEvent.MasterDownTimerExpired(), backup.MasterDownAt!.Value);
        Assert.Equal(VrrpState.Backup, stale.Next.State);
        Assert.Equal([new VrrpAction.SetTimer(VrrpTimerKind.MasterDown, reset.MasterDownAt!.Value)], stale.Actions);
    }

    [Fact]
    public void Garp_refresh_repeats_while_master_and_stops_on_leaving()
    {
        var config = InstanceConfig() with { GarpMasterRefresh = TimeSpan.FromSeconds(60), GarpMasterRefreshRepeat = 2, GarpMasterDelay = TimeSpan.Zero };
        var master = Master(config);
        Assert.Null(master.GarpDelayAt);
        var at = master.GarpRefreshAt!.Value;
        var refresh = Run(master, new VrrpEvent.GarpRefreshExpired(), at);
        Assert.Equal("Garp(2) Set(GarpRefresh+60)", Render(refresh.Actions, at));
        var down = Run(refresh.Next, Advert(200), at);
        Assert.Contains(new VrrpAction.CancelTimer(VrrpTimerKind.GarpRefresh), down.Actions);
    }

    [Fact]
    public void Without_accept_mode_vip_traffic_is_blocked_unless_owner()
    {
        var noAccept = InstanceConfig(VrrpVersion.V3) with { AcceptMode = false };
        var t = Run(Backup(noAccept), new VrrpEvent.MasterDownTimerExpired(), Backup(noAccept).MasterDownAt!.Value);
        Assert.Contains(new VrrpAction.AddVips(BlockTraffic: true), t.Actions);
        Assert.False((InstanceConfig(VrrpVersion.V3, priority: 255) with { AcceptMode = false }).BlocksVipTraffic);
        // keepalived 2.2.7 blocks for VRRPv2 as well (measured: no_accept, version 2, nftables).
        Assert.True((InstanceConfig(VrrpVersion.V2) with { AcceptMode = false }).BlocksVipTraffic);
        Assert.False(InstanceConfig(VrrpVersion.V2).BlocksVipTraffic);
    }

    [Fact]
    public void Sync_group_fault_holds_until_the_group_releases_it()
    {
        var forced = Run(Backup(), new VrrpEvent.SyncGroupForce(VrrpState.Fault), T0).Next;
        Assert.Equal(VrrpState.Fault, forced.State);
        Assert.Equal(VrrpState.Fault, Run(forced, new VrrpEvent.InterfaceUp(), T0).Next.State);
        Assert.Equal(VrrpState.Backup, Run(forced, new VrrpEvent.SyncGroupForce(VrrpState.Backup), T0).Next.State);
    }

    [Fact]
    public void Owner_priority_never_changes_and_tracking_stays_within_1_to_254()
    {
        Assert.Equal(255, VrrpPriority.Effective(255, -50));
        Assert.Equal(254, VrrpPriority.Effective(200, 100));
        Assert.Equal(1, VrrpPriority.Effective(20, -50));
        Assert.Equal(110, VrrpPriority.Effective(100, 10));
        var owner = Run(Init(InstanceConfig(priority: 255, initial: VrrpState.Master)), new VrrpEvent.Startup(), T0).Next;
        Assert.Equal(255, Run(owner, new VrrpEvent.PriorityChanged(100), T0).Next.EffectivePriority);
    }

    [Fact]
    public void A_pair_fails_over_in_the_master_down_interval_and_in_the_skew_after_a_stop_advert()
    {
        // Master A (priority 150) and backup B (priority 100) exchange adverts on a lossless wire.
        var a = Master(new VrrpInstanceConfig(VrrpVersion.V2, 51, 150, TimeSpan.FromSeconds(1), Ips.A("10.0.0.1")));
        var b = Backup();
        var now = T0 + TimeSpan.FromSeconds(5);
        for (var i = 0; i < 5; i++, now += TimeSpan.FromSeconds(1))
            b = Run(b, new VrrpEvent.AdvertReceived(150, Ips.A("10.0.0.1"), TimeSpan.FromSeconds(1)), now).Next;
        var lastAdvert = now - TimeSpan.FromSeconds(1);

        // kill -9 of A: B takes over 3.609375 s after the last advert.
        Assert.Equal(lastAdvert + TimeSpan.FromSeconds(3.609375), b.MasterDownAt);

        // SIGTERM of A instead: its stop advert makes B take over after the skew only.
        var stop = Run(a, new VrrpEvent.Shutdown(), now);
        Assert.Contains(new VrrpAction.SendAdvert(0), stop.Actions);
        var resigned = Run(b, new VrrpEvent.AdvertReceived(0, Ips.A("10.0.0.1"), TimeSpan.FromSeconds(1)), now).Next;
        Assert.Equal(now + TimeSpan.FromSeconds(0.609375), resigned.MasterDownAt);
        var takeover = Run(resigned, new VrrpEvent.MasterDownTimerExpired(), resigned.MasterDownAt!.Value);
        Assert.Equal(VrrpState.Master, takeover.Next.State);
    }
}
