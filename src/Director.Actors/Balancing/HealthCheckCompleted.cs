namespace Director.Actors.Balancing;

/// <summary>
/// Published on the event stream after every completed check run (what the metrics aggregate:
/// results and latency). Cheap by design: the check's loop only publishes, an actor counts.
/// </summary>
/// <param name="VirtualServer">The virtual server actor's name, e.g. <c>vs-10.0.0.1:80</c>.</param>
/// <param name="RealServer">"IP:PORT".</param>
/// <param name="Checker">The checker kind, e.g. <c>TcpCheck</c>.</param>
public sealed record HealthCheckCompleted(string VirtualServer, string RealServer, string Checker, bool Up, TimeSpan Latency);
