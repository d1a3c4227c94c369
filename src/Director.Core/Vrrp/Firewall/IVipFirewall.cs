namespace Director.Core.Vrrp.Firewall;

/// <summary>
/// The kernel port that installs director's VIP drop table. Each call replaces the whole table
/// in one transaction (deleting it when <paramref name="blocked"/> is empty); a failed call leaves
/// the kernel as it was.
/// </summary>
public interface IVipFirewall
{
    Task ApplyAsync(IReadOnlyCollection<BlockedVip> blocked, CancellationToken cancellationToken);
}
