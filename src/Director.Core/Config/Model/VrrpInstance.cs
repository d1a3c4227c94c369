using System.Net;

namespace Director.Core.Config.Model;

/// <summary>
/// A <c>vrrp_instance NAME</c> block. Values keepalived inherits from <c>global_defs</c>
/// (version, garp settings) are already resolved here.
/// </summary>
public sealed record VrrpInstance
{
    public string Name { get; init; } = "";

    /// <summary>Initial state; BACKUP unless configured, or MASTER when the priority is 255.</summary>
    public VrrpState State { get; init; } = VrrpState.Backup;

    public string Interface { get; init; } = "";

    public int VirtualRouterId { get; init; }

    public int Priority { get; init; } = 100;

    public TimeSpan AdvertInt { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>VRRP version (keyword <c>version</c>); defaults to the global <c>vrrp_version</c>.</summary>
    public int Version { get; init; } = 2;

    public Authentication? Authentication { get; init; }

    public bool Nopreempt { get; init; }

    public TimeSpan PreemptDelay { get; init; } = TimeSpan.Zero;

    public bool Accept { get; init; } = true;

    public bool DontTrackPrimary { get; init; }

    public IPAddress? McastSrcIp { get; init; }

    public IPAddress? UnicastSrcIp { get; init; }

    public EquatableList<IPAddress> UnicastPeer { get; init; } = EquatableList<IPAddress>.Empty;

    public bool UseVmac { get; init; }

    /// <summary>Name given after <c>use_vmac</c>; keepalived makes one up (vrrp.VRID) when absent.</summary>
    public string? VmacName { get; init; }

    public TimeSpan GarpMasterDelay { get; init; } = TimeSpan.FromSeconds(5);

    public int GarpMasterRepeat { get; init; } = 5;

    public TimeSpan GarpMasterRefresh { get; init; } = TimeSpan.Zero;

    public int GarpMasterRefreshRepeat { get; init; } = 1;

    public EquatableList<TrackedInterface> TrackInterface { get; init; } = EquatableList<TrackedInterface>.Empty;

    public EquatableList<TrackedScript> TrackScript { get; init; } = EquatableList<TrackedScript>.Empty;

    public EquatableList<TrackedFile> TrackFile { get; init; } = EquatableList<TrackedFile>.Empty;

    public EquatableList<VirtualIpAddress> VirtualIpaddress { get; init; } = EquatableList<VirtualIpAddress>.Empty;

    public EquatableList<VirtualIpAddress> VirtualIpaddressExcluded { get; init; } = EquatableList<VirtualIpAddress>.Empty;

    public EquatableList<VirtualRoute> VirtualRoutes { get; init; } = EquatableList<VirtualRoute>.Empty;

    public string? Notify { get; init; }

    public string? NotifyMaster { get; init; }

    public string? NotifyBackup { get; init; }

    public string? NotifyFault { get; init; }

    public string? NotifyStop { get; init; }

    public bool SmtpAlert { get; init; }
}

public enum VrrpState
{
    [ConfigKind("BACKUP")] Backup,
    [ConfigKind("MASTER")] Master,
}

public enum AuthType
{
    [ConfigKind("PASS")] Pass,
    [ConfigKind("AH")] Ah,
}

/// <summary>The <c>authentication</c> block.</summary>
public sealed record Authentication
{
    public AuthType AuthType { get; init; } = AuthType.Pass;

    public string AuthPass { get; init; } = "";
}

/// <summary>A <c>track_interface</c> line: <c>NAME [weight W]</c>; weight 0 means FAULT when down.</summary>
public sealed record TrackedInterface
{
    public string Name { get; init; } = "";

    public int Weight { get; init; }
}

/// <summary>A <c>track_script</c> line: <c>NAME [weight W]</c>; null weight uses the script's own.</summary>
public sealed record TrackedScript
{
    public string Name { get; init; } = "";

    public int? Weight { get; init; }
}
