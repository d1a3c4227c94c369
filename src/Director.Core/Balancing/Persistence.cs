using System.Net;

namespace Director.Core.Balancing;

/// <summary>
/// <c>persistence_timeout</c>: a client (its address masked by <see cref="Netmask"/>) sticks to
/// the destination it was first given for <see cref="Timeout"/> after its last packet.
/// <see cref="Engine"/> names an IPVS persistence engine (<c>sip</c>: Call-ID instead of address).
/// </summary>
public sealed record Persistence(TimeSpan Timeout, IPAddress? Netmask = null, string? Engine = null);
