using System.Collections.Immutable;

namespace Director.Core.Balancing;

/// <summary>The whole forwarding table the kernel should hold: virtual services by key.</summary>
public sealed class DesiredTable : IEquatable<DesiredTable>
{
    public static readonly DesiredTable Empty = new(ImmutableDictionary<VirtualServiceKey, VirtualService>.Empty);

    public DesiredTable(ImmutableDictionary<VirtualServiceKey, VirtualService> services) => Services = services;

    public DesiredTable(IEnumerable<VirtualService> services)
        : this(services.ToImmutableDictionary(s => s.Key))
    {
    }

    public ImmutableDictionary<VirtualServiceKey, VirtualService> Services { get; }

    public VirtualService? Find(VirtualServiceKey key) => Services.GetValueOrDefault(key);

    public DesiredTable With(VirtualService service) => new(Services.SetItem(service.Key, service));

    public DesiredTable Without(VirtualServiceKey key) => new(Services.Remove(key));

    /// <summary>Services in a stable order (address services before fwmark ones).</summary>
    public IEnumerable<VirtualService> Ordered => Services.Values
        .OrderBy(s => s.Key.Fwmark)
        .ThenBy(s => s.Key.Family)
        .ThenBy(s => s.Key.Address?.ToString(), StringComparer.Ordinal)
        .ThenBy(s => s.Key.Port)
        .ThenBy(s => s.Key.Protocol);

    public bool Equals(DesiredTable? other) =>
        other is not null && Services.Count == other.Services.Count
        && Services.All(kv => other.Services.TryGetValue(kv.Key, out var o) && o.Equals(kv.Value));

    public override bool Equals(object? obj) => obj is DesiredTable other && Equals(other);

    public override int GetHashCode() => Services.Count;
}
