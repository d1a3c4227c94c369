using System.Net;
using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>Names real servers in an operator action: an address, and a port or any port.</summary>
public sealed record RealServerSelector(IPAddress Ip, int? Port)
{
    public bool Matches(RealServerAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Ip.Equals(Ip) && (Port is null || Port == address.Port);
    }

    /// <summary>"IP", "IP:PORT", "[IPv6]" or "[IPv6]:PORT".</summary>
    public static bool TryParse(string text, out RealServerSelector? selector)
    {
        selector = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (IPAddress.TryParse(text, out var bare) && !text.Contains(']', StringComparison.Ordinal))
        {
            selector = new RealServerSelector(bare, null);
            return true;
        }

        if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port == 0) return false;
        selector = new RealServerSelector(endpoint.Address, endpoint.Port);
        return true;
    }

    public override string ToString() =>
        Port is null ? Ip.ToString() : new IPEndPoint(Ip, Port.Value).ToString();
}

/// <summary>What an operator set on a real server, kept until cleared (and across restarts by the history).</summary>
public abstract record RealServerOverride;

/// <summary>Weight 0: no new connections, established ones drain.</summary>
public sealed record DrainOverride : RealServerOverride;

/// <summary>The configured weight replaced by <see cref="Weight"/>.</summary>
public sealed record WeightOverride(int Weight) : RealServerOverride;

/// <summary>Back to the configured weight and the checker's verdict.</summary>
public sealed record ClearOverride : RealServerOverride;

/// <summary>
/// Published on the event stream by a virtual server actor when it starts (first start, restart,
/// or added by a reload): it holds no operator override yet, so the keeper of overrides sends them again.
/// </summary>
public sealed record VirtualServerStarted(string VirtualServer);

/// <summary>
/// An operator action on real servers, sent to <c>lb</c>: routed to every virtual server having a
/// matching real server (or only to <see cref="VirtualServer"/>, an actor name like <c>vs-10.0.0.1:80</c>).
/// Answered with <see cref="RealServerOverrideApplied"/> or <see cref="RealServerOverrideRejected"/>.
/// </summary>
public sealed record RealServerOverrideCommand(string? VirtualServer, RealServerSelector RealServer, RealServerOverride Override);

/// <summary>The override is in place in <see cref="VirtualServers"/> (lb answers once for all of them).</summary>
public sealed record RealServerOverrideApplied(RealServerOverrideCommand Command, IReadOnlyList<string> VirtualServers);

public sealed record RealServerOverrideRejected(RealServerOverrideCommand Command, string Reason);
