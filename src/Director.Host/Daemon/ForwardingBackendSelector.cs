namespace Director.Host.Daemon;

public enum ForwardingBackendKind
{
    Nftables,
    Ipvs,
}

/// <summary>Which data plane runs, and why (logged at start).</summary>
public sealed record ForwardingBackendChoice(ForwardingBackendKind Kind, string Reason);

/// <summary>
/// Picks the data plane: <c>auto</c> takes IPVS when the kernel has it (what keepalived users
/// expect), else nftables; <c>ipvs</c> / <c>nftables</c> force one. Pure: the probe comes in.
/// </summary>
public static class ForwardingBackendSelector
{
    public static ForwardingBackendChoice Choose(string? mode, Func<(bool Available, string Reason)> probeIpvs)
    {
        ArgumentNullException.ThrowIfNull(probeIpvs);
        switch ((mode ?? "auto").Trim().ToLowerInvariant())
        {
            case "nftables":
                return new ForwardingBackendChoice(ForwardingBackendKind.Nftables, "forced by director.lb.backend / --lb-backend");
            case "ipvs":
                return new ForwardingBackendChoice(ForwardingBackendKind.Ipvs, "forced by director.lb.backend / --lb-backend");
            case "auto":
                var (available, reason) = probeIpvs();
                return available
                    ? new ForwardingBackendChoice(ForwardingBackendKind.Ipvs, $"auto: {reason}")
                    : new ForwardingBackendChoice(ForwardingBackendKind.Nftables, $"auto: {reason}");
            default:
                throw new ArgumentException($"director.lb.backend must be auto, nftables or ipvs, not '{mode}'", nameof(mode));
        }
    }
}
