using Director.Actors.Scripts;
using Director.Core.Config.Model;

namespace Director.Actors.Checks;

/// <summary>What checks need from outside: time, randomness, a script runner, the configured track files, the local host name.</summary>
public sealed record HealthCheckServices
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Random Random { get; init; } = Random.Shared;

    public IScriptRunner Scripts { get; init; } = new ProcessScriptRunner();

    public IReadOnlyList<TrackFile> TrackFiles { get; init; } = Array.Empty<TrackFile>();

    /// <summary>keepalived's default helo_name is the local host name.</summary>
    public string HostName { get; init; } = System.Net.Dns.GetHostName();

    public static HealthCheckServices Default { get; } = new();
}
