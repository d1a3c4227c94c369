using System.Net;
using Akka.Actor;
using Director.Actors.Checks;
using Director.Actors.Scripts;
using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>What the load-balancing actors need from outside, injectable for tests.</summary>
public sealed record LbServices
{
    /// <summary>The native-I/O actor, the only writer of the forwarding table.</summary>
    public required IActorRef NativeIo { get; init; }

    /// <summary>Builds a check for a checker block of a real server (the factory of Director.Actors.Checks by default).</summary>
    public Func<HealthChecker, RealServer, VirtualServer, IHealthCheck> Checks { get; init; } = HealthCheckFactory.Create;

    public IScriptRunner Scripts { get; init; } = new ProcessScriptRunner();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Random Random { get; init; } = Random.Shared;

    /// <summary>ha_suspend: whether an address is on this host; null: always (checks never suspended).</summary>
    public Func<IPAddress, bool>? IsLocalAddress { get; init; }

    /// <summary>How often ha_suspend looks for the VIP; a hung check is looked for at this or half its hang limit, whichever is longer.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After a failed table write the virtual server sends its services again after this.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A run longer than this is hung (the check ignores its own timeout); null: from the checker's timeouts.</summary>
    public TimeSpan? HangLimit { get; init; }

    /// <summary>log_all_failures of global_defs.</summary>
    public bool LogAllFailures { get; init; }

    /// <summary>notify_up/notify_down and quorum scripts are killed after this.</summary>
    public TimeSpan NotifyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Default hang limit of a checker: twice its own time budget plus 5 s.</summary>
    public TimeSpan HangLimitOf(HealthChecker checker, VirtualServer vs)
    {
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(vs);
        if (HangLimit is { } fixedLimit) return fixedLimit;
        var budget = checker switch
        {
            NetworkChecker n => n.ConnectTimeout,
            MiscCheck m => m.MiscTimeout ?? checker.DelayLoop ?? vs.DelayLoop,
            _ => checker.DelayLoop ?? vs.DelayLoop,
        };
        return budget * 2 + TimeSpan.FromSeconds(5);
    }
}
