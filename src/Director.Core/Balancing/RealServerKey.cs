using Director.Core.Config.Model;

namespace Director.Core.Balancing;

/// <summary>
/// A configured real server as the health-check side names it: its virtual server's address (as
/// written: IP+port, fwmark or group), the virtual server's protocol, and the real server's address.
/// </summary>
public sealed record RealServerKey(VirtualServerAddress VirtualServer, Protocol Protocol, RealServerAddress RealServer);
