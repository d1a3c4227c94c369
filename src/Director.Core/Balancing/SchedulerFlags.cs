namespace Director.Core.Balancing;

/// <summary>IPVS's scheduler-specific service flags (IP_VS_SVC_F_SCHED1..3), numbered 1-3.</summary>
[Flags]
public enum SchedulerFlags
{
    None = 0,

    /// <summary>sh-fallback / mh-fallback.</summary>
    Flag1 = 1,

    /// <summary>sh-port / mh-port.</summary>
    Flag2 = 2,

    Flag3 = 4,
}
