namespace Director.Core.Vrrp;

/// <summary>Outputs of <see cref="VrrpStateMachine.Handle"/>, to be carried out in order by the instance actor.</summary>
public abstract record VrrpAction
{
    private VrrpAction() { }

    /// <summary>Send one advert with this priority (0: the "stop" advert of a resigning master).</summary>
    public sealed record SendAdvert(byte Priority) : VrrpAction;

    /// <summary>Add the VIPs (and excluded VIPs, routes, rules); when <paramref name="BlockTraffic"/>, also drop traffic to them (v3 without accept mode).</summary>
    public sealed record AddVips(bool BlockTraffic) : VrrpAction;

    /// <summary>Remove the VIPs (and excluded VIPs, routes, rules, any traffic block).</summary>
    public sealed record RemoveVips : VrrpAction;

    /// <summary>Send <paramref name="Repeat"/> gratuitous ARPs / unsolicited NAs for each VIP.</summary>
    public sealed record SendGratuitousArp(int Repeat) : VrrpAction;

    /// <summary>(Re)arm the timer, replacing any pending one of the same kind.</summary>
    public sealed record SetTimer(VrrpTimerKind Timer, Instant At) : VrrpAction;

    public sealed record CancelTimer(VrrpTimerKind Timer) : VrrpAction;

    /// <summary>The instance entered <paramref name="State"/>: run notify scripts, tell the sync group, journal it.</summary>
    public sealed record Notify(VrrpState State, byte Priority) : VrrpAction;

    /// <summary>Something keepalived logs at INFO that an operator should see.</summary>
    public sealed record Log(string Message) : VrrpAction;
}
