using Akka.Actor;

namespace Director.Actors.Supervision;

/// <summary>
/// Props for a middle-level supervisor (<c>vrrp</c>, <c>lb</c>) with the watchdog's strategy:
/// one-for-one restarts, counted, limited by a <see cref="RestartPolicy"/>. By default a child
/// past its limit escalates, so the watchdog sees the whole subsystem fail and restarts it.
/// </summary>
public static class SupervisorOf
{
    public static readonly RestartPolicy MiddleLevelDefault = RestartPolicy.Default with { OnLimit = RestartLimitAction.Escalate };

    public static Props Props(IReadOnlyList<ChildSpec> children, RestartPolicy? policy = null, Func<DateTimeOffset>? now = null) =>
        WatchdogActor.Props(children, policy ?? MiddleLevelDefault, now);

    public static ChildSpec Child(string name, IReadOnlyList<ChildSpec> children, RestartPolicy? policy = null) =>
        new(name, Props(children, policy));
}
