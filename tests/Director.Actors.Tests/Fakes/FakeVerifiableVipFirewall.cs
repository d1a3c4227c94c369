using Director.Core.Balancing;
using Director.Core.Vrrp.Firewall;

namespace Director.Actors.Tests.Fakes;

/// <summary>A <see cref="FakeVipFirewall"/> whose read-back says what the test sets in <see cref="Difference"/>; a write clears it.</summary>
public sealed class FakeVerifiableVipFirewall : IVipFirewall, IVerifiableVipFirewall
{
    public FakeVipFirewall Inner { get; } = new();

    public NftTableRef Table { get; } = new("inet", "director_vrrp");

    public volatile string? Difference;

    public int Reads;

    public async Task ApplyAsync(IReadOnlyCollection<BlockedVip> blocked, CancellationToken cancellationToken)
    {
        await Inner.ApplyAsync(blocked, cancellationToken);
        Difference = null;
    }

    public Task<string?> DifferenceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reads);
        return Task.FromResult(Difference);
    }
}
