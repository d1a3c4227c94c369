using Director.Core.Config.Hocon;

namespace Director.Core.Config.Model;

/// <summary>A <c>real_server IP [PORT]</c> block and its health checkers.</summary>
public sealed record RealServer
{
    public RealServerAddress Address { get; init; } = new();

    public int Weight { get; init; } = 1;

    public bool InhibitOnFailure { get; init; }

    /// <summary><c>lvs_method</c> of this real server; null: the virtual server's.</summary>
    public LbKind? LvsMethod { get; init; }

    /// <summary>Tunnel options of this real server's <c>lvs_method TUN type ...</c>.</summary>
    public TunnelOptions? Tunnel { get; init; }

    /// <summary><c>uthreshold</c>: no new connections above this many; 0: no limit.</summary>
    [HoconKey("uthreshold")]
    public uint UpperThreshold { get; init; }

    /// <summary><c>lthreshold</c>: new connections again below this many; 0: no limit.</summary>
    [HoconKey("lthreshold")]
    public uint LowerThreshold { get; init; }

    public string? NotifyUp { get; init; }

    public string? NotifyDown { get; init; }

    public bool SmtpAlert { get; init; }

    public EquatableList<HealthChecker> Checkers { get; init; } = EquatableList<HealthChecker>.Empty;
}
