namespace Director.Actors.Balancing;

/// <summary>
/// Published on the event stream when a checker's verdict changes a real server's health (up/down
/// or a dynamic weight): what the history journals and the metrics count.
/// </summary>
/// <param name="VirtualServer">The virtual server actor's name, e.g. <c>vs-10.0.0.1:80</c>.</param>
/// <param name="RealServer">"IP:PORT".</param>
public sealed record RealServerTransitioned(string VirtualServer, string RealServer, bool WasUp, bool IsUp, int? Weight, DateTimeOffset At);
