namespace Director.Host.Daemon;

/// <summary>Akka.Hosting registry key of the watchdog, the root of the daemon's actor tree.</summary>
public sealed class WatchdogKey;
