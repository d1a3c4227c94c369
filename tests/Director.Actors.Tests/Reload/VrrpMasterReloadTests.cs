using System.Net;
using Director.Actors.Native;
using Director.Actors.Vrrp;
using Director.Core.Config.Model;
using Director.Core.Vrrp;
using VrrpState = Director.Core.Vrrp.VrrpState;
using static Director.Actors.Tests.Vrrp.InstanceFixtures;

namespace Director.Actors.Tests.Reload;

/// <summary>
/// <see cref="VrrpInPlaceUpdate.AsMaster"/>: what a MASTER does after an in-place reload, as
/// keepalived 2.2.7 (clear_diff_vrrp, vrrp_init_instance_sands with reload_master): an advert at
/// once and the next one an interval later; GARPs for every VIP only when one was added; the
/// garp refresh timer restarted then; never the delayed (garp_master_delay) burst.
/// </summary>
public sealed class VrrpMasterReloadTests
{
    private static readonly IPAddress Kept = IPAddress.Parse("10.9.0.100");
    private static readonly IPAddress Dropped = IPAddress.Parse("10.9.0.101");
    private static readonly IPAddress Added = IPAddress.Parse("10.9.0.110");
    private static readonly Instant Now = Instant.FromSeconds(100);

    private static VrrpInstanceSettings WithVips(VrrpInstanceSettings settings, params IPAddress[] vips) => settings with
    {
        Vips = vips.Select(v => new VipAddressSpec("eth0", v, 24)).ToEquatableList(),
        Receive = settings.Receive with { VirtualAddresses = vips.ToEquatableList() },
    };

    private static VrrpInstanceSettings Base(TimeSpan refresh = default)
    {
        var settings = Settings(priority: 100, intervalMs: 1000);
        return WithVips(settings with { Machine = settings.Machine with { GarpMasterRefresh = refresh } }, Kept, Dropped);
    }

    /// <summary>A MASTER state of <paramref name="settings"/> whose advert is due in 0.4 s and refresh in 7 s.</summary>
    private static VrrpInstanceState Master(VrrpInstanceSettings settings) => VrrpInstanceState.Create(settings.Machine) with
    {
        State = VrrpState.Master,
        EffectivePriority = 110,
        AdvertAt = Now + TimeSpan.FromMilliseconds(400),
        GarpDelayAt = Now + TimeSpan.FromSeconds(3),
        GarpRefreshAt = Now + TimeSpan.FromSeconds(7),
    };

    private static VrrpInPlaceUpdate Update(VrrpInstanceSettings before, VrrpInstanceSettings after) =>
        VrrpInPlaceUpdate.Of(before, after) ?? throw new InvalidOperationException("not an in-place change");

    [Fact]
    public void An_added_vip_announces_every_vip_then_advertises_at_once_and_rearms_the_advert_timer()
    {
        var before = Base();
        var update = Update(before, WithVips(before, Kept, Added));

        var result = update.AsMaster(Master(before), Now);

        Assert.Equal(
        [
            new VrrpAction.SendGratuitousArp(before.Machine.GarpMasterRepeat),
            new VrrpAction.SendAdvert(110),
            new VrrpAction.SetTimer(VrrpTimerKind.Advert, Now + TimeSpan.FromSeconds(1)),
        ], result.Actions);
        Assert.Equal(Now + TimeSpan.FromSeconds(1), result.Next.AdvertAt);
        Assert.Equal(Now + TimeSpan.FromSeconds(3), result.Next.GarpDelayAt); // the takeover's delayed burst is left as it was
        Assert.Equal(VrrpState.Master, result.Next.State);
    }

    [Fact]
    public void Without_an_added_vip_only_the_advert_goes_out()
    {
        var before = Base(refresh: TimeSpan.FromSeconds(30));
        var removed = Update(before, WithVips(before, Kept));
        var reordered = Update(before, WithVips(before, Dropped, Kept));
        var priority = Update(before, before with { Machine = before.Machine with { BasePriority = 120 } });

        foreach (var update in new[] { removed, reordered, priority })
        {
            var result = update.AsMaster(Master(before), Now);
            Assert.Equal([new VrrpAction.SendAdvert(110), new VrrpAction.SetTimer(VrrpTimerKind.Advert, Now + TimeSpan.FromSeconds(1))], result.Actions);
            Assert.Equal(Now + TimeSpan.FromSeconds(7), result.Next.GarpRefreshAt);
        }
    }

    [Fact]
    public void An_added_vip_restarts_the_garp_refresh_timer_when_refresh_is_on()
    {
        var before = Base(refresh: TimeSpan.FromSeconds(30));
        var update = Update(before, WithVips(before, Kept, Dropped, Added));

        var result = update.AsMaster(Master(before), Now);

        Assert.Contains(new VrrpAction.SetTimer(VrrpTimerKind.GarpRefresh, Now + TimeSpan.FromSeconds(30)), result.Actions);
        Assert.Equal(Now + TimeSpan.FromSeconds(30), result.Next.GarpRefreshAt);
        Assert.IsType<VrrpAction.SendGratuitousArp>(result.Actions[0]);
    }

    [Fact]
    public void A_zero_garp_repeat_sends_no_gratuitous_arp()
    {
        var plain = Base();
        var before = plain with { Machine = plain.Machine with { GarpMasterRepeat = 0 } };
        var update = Update(before, WithVips(before, Kept, Added));

        var result = update.AsMaster(Master(before), Now);

        Assert.DoesNotContain(result.Actions, a => a is VrrpAction.SendGratuitousArp);
        Assert.Contains(new VrrpAction.SendAdvert(110), result.Actions);
    }
}
