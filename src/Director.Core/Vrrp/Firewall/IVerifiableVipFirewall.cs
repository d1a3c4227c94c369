using Director.Core.Balancing;

namespace Director.Core.Vrrp.Firewall;

/// <summary>
/// A VIP firewall whose table can be read back: native-io compares it with what it last installed
/// when the kernel reports that another process touched the table, and writes it again if it differs.
/// </summary>
public interface IVerifiableVipFirewall
{
    NftTableRef Table { get; }

    /// <summary>
    /// What differs between the table the kernel holds and the one the last
    /// <see cref="IVipFirewall.ApplyAsync"/> installed ("table missing", ...); null when they are equal.
    /// </summary>
    Task<string?> DifferenceAsync(CancellationToken cancellationToken);
}
