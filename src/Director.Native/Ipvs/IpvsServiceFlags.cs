namespace Director.Native.Ipvs;

/// <summary>IP_VS_SVC_F_* virtual service flags.</summary>
[Flags]
public enum IpvsServiceFlags : uint
{
    None = 0,
    Persistent = 0x0001,
    Hashed = 0x0002,
    OnePacket = 0x0004,
    SchedulerFlag1 = 0x0008,
    SchedulerFlag2 = 0x0010,
    SchedulerFlag3 = 0x0020,

    /// <summary>sh: pick another server when the hashed one is unavailable (ipvsadm <c>-b sh-fallback</c>).</summary>
    ShFallback = SchedulerFlag1,

    /// <summary>sh: hash the source port too (ipvsadm <c>-b sh-port</c>).</summary>
    ShPort = SchedulerFlag2,

    /// <summary>mh: skip an unavailable server in the lookup table (ipvsadm <c>-b mh-fallback</c>).</summary>
    MhFallback = SchedulerFlag1,

    /// <summary>mh: hash the source port too (ipvsadm <c>-b mh-port</c>).</summary>
    MhPort = SchedulerFlag2,
}
