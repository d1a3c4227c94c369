using System.Collections.Concurrent;
using Director.Actors.Checks;
using Director.Core.Checks;
using Director.Core.Config.Model;

namespace Director.Actors.Tests.Balancing;

public enum CheckBehaviour
{
    Up,
    Down,

    /// <summary>Never returns and ignores cancellation (a broken check).</summary>
    Hang,
}

/// <summary>Checks whose outcome per real server IP the test sets at any time.</summary>
public sealed class ScriptedChecks
{
    private readonly ConcurrentDictionary<string, CheckBehaviour> _behaviour = new();

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public int Built;

    /// <summary>The next builds for this IP throw (a checker that cannot even be created).</summary>
    public ConcurrentDictionary<string, int> FailBuilds { get; } = new();

    public void Set(string ip, CheckBehaviour behaviour) => _behaviour[ip] = behaviour;

    public IHealthCheck Build(HealthChecker checker, RealServer rs, VirtualServer vs)
    {
        Interlocked.Increment(ref Built);
        var ip = rs.Address.Ip.ToString();
        if (FailBuilds.TryGetValue(ip, out var left) && left > 0)
        {
            FailBuilds[ip] = left - 1;
            throw new InvalidOperationException($"scripted build failure for {ip}");
        }
        return new Check(this, rs.Address.Ip.ToString());
    }

    private sealed class Check(ScriptedChecks owner, string ip) : IHealthCheck
    {
        public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
        {
            owner.Runs.AddOrUpdate(ip, 1, (_, n) => n + 1);
            switch (owner._behaviour.GetValueOrDefault(ip, CheckBehaviour.Up))
            {
                case CheckBehaviour.Hang:
                    owner._behaviour[ip] = CheckBehaviour.Up; // hang once, then behave
                    await Task.Delay(Timeout.Infinite, CancellationToken.None);
                    return CheckOutcome.Failure("unreachable", TimeSpan.Zero);
                case CheckBehaviour.Down:
                    return CheckOutcome.Failure("scripted down", TimeSpan.Zero);
                default:
                    return CheckOutcome.Success("scripted up", TimeSpan.Zero);
            }
        }
    }
}
