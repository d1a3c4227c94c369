using Director.Actors.Native;
using Director.Core.Vrrp;

namespace Director.Actors.Vrrp;

/// <summary>
/// A changed instance that a reload updates in the running actor (state, timers and counters kept),
/// as keepalived does: only its VIPs (virtual_ipaddress, virtual_ipaddress_excluded), its
/// virtual_routes or its priority differ. Anything else restarts it. The address owner's priority
/// (255) changes how the instance starts, so a change to or from 255 restarts too.
/// </summary>
public sealed record VrrpInPlaceUpdate(
    VrrpInstanceSettings Before,
    VrrpInstanceSettings After,
    IReadOnlyList<VipAddressSpec> AddedVips,
    IReadOnlyList<VipAddressSpec> RemovedVips,
    IReadOnlyList<RouteSpec> AddedRoutes,
    IReadOnlyList<RouteSpec> RemovedRoutes)
{
    public bool PriorityChanged => Before.Machine.BasePriority != After.Machine.BasePriority;

    /// <summary>The update from <paramref name="before"/> to <paramref name="after"/>, or null when the change needs a restart.</summary>
    public static VrrpInPlaceUpdate? Of(VrrpInstanceSettings before, VrrpInstanceSettings after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var priorities = new[] { before.Machine.BasePriority, after.Machine.BasePriority };
        if (priorities.Contains(VrrpWire.OwnerPriority) && priorities[0] != priorities[1])
            return null;
        var rest = before with
        {
            Vips = after.Vips,
            Routes = after.Routes,
            Receive = before.Receive with { VirtualAddresses = after.Receive.VirtualAddresses },
            Machine = before.Machine with { BasePriority = after.Machine.BasePriority },
        };
        if (!rest.Equals(after))
            return null;
        return new VrrpInPlaceUpdate(before, after,
            Except(after.Vips, before.Vips), Except(before.Vips, after.Vips),
            Except(after.Routes, before.Routes), Except(before.Routes, after.Routes));
    }

    /// <summary>
    /// What a MASTER does once its kernel state is updated, as keepalived 2.2.7 on reload:
    /// vrrp.c clear_diff_vrrp / restore_vrrp_state re-add every VIP and, only when one was really
    /// added (netlink_iplist reports a change), send garp_master_repeat gratuitous ARPs / NAs for
    /// ALL the VIPs and excluded VIPs (vrrp_send_link_update, not only the new ones) and restart
    /// the garp_master_refresh timer; vrrp_scheduler.c vrrp_init_instance_sands then makes the
    /// advert timer of a reloaded master (reload_master) expire at once, so an advert with the new
    /// address list and priority leaves immediately and the next one an interval later. The VIPs
    /// being already set, vrrp_state_master_tx does not become master again: no garp_master_delay
    /// burst, no notify.
    /// </summary>
    public VrrpTransition AsMaster(VrrpInstanceState state, Instant now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var config = state.Config;
        var actions = new List<VrrpAction>();
        if (AddedVips.Count > 0)
        {
            if (config.GarpMasterRepeat > 0)
                actions.Add(new VrrpAction.SendGratuitousArp(config.GarpMasterRepeat));
            if (config.GarpMasterRefresh > TimeSpan.Zero)
            {
                state = state with { GarpRefreshAt = now + config.GarpMasterRefresh };
                actions.Add(new VrrpAction.SetTimer(VrrpTimerKind.GarpRefresh, now + config.GarpMasterRefresh));
            }
        }
        actions.Add(new VrrpAction.SendAdvert(state.EffectivePriority));
        state = state with { AdvertAt = now + config.AdvertInterval };
        actions.Add(new VrrpAction.SetTimer(VrrpTimerKind.Advert, now + config.AdvertInterval));
        return new VrrpTransition(state, actions);
    }

    /// <summary>For the reload answer: "VIPs +10.9.0.110 -10.9.0.102, priority 100 -> 120".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (AddedVips.Count + RemovedVips.Count > 0)
        {
            // An address on both sides changed its other attributes (prefix, label...): show its prefix.
            var both = AddedVips.Select(v => v.Address).Intersect(RemovedVips.Select(v => v.Address)).ToHashSet();
            string Vip(VipAddressSpec v) => both.Contains(v.Address) ? $"{v.Address}/{v.PrefixLength}" : v.Address.ToString();
            parts.Add("VIPs " + string.Join(" ", AddedVips.Select(v => "+" + Vip(v)).Concat(RemovedVips.Select(v => "-" + Vip(v)))));
        }
        if (AddedRoutes.Count + RemovedRoutes.Count > 0)
            parts.Add("routes " + string.Join(" ", AddedRoutes.Select(r => $"+{r}").Concat(RemovedRoutes.Select(r => $"-{r}"))));
        if (PriorityChanged)
            parts.Add($"priority {Before.Machine.BasePriority} -> {After.Machine.BasePriority}");
        if (parts.Count == 0)
            parts.Add("VIP order"); // same VIPs in another order: only the advert's address list changes
        return string.Join(", ", parts);
    }

    private static List<T> Except<T>(IEnumerable<T> items, IEnumerable<T> without)
    {
        var excluded = without.ToHashSet();
        return items.Where(excluded.Add).ToList();
    }
}
