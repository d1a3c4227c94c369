using System.Collections.Concurrent;
using Director.Core.Balancing;

namespace Director.Actors.Tests.Balancing;

/// <summary>A <see cref="FakeForwardingBackend"/> with tables of its own (as nftables): records every restore.</summary>
public sealed class FakeRestorableBackend : IForwardingBackend, IRestorableBackend
{
    public FakeForwardingBackend Inner { get; } = new();

    public string Name => "fake-nft";

    public IReadOnlyList<NftTableRef> Tables { get; } = [new("ip", "director"), new("ip6", "director")];

    public ConcurrentQueue<(DesiredTable Target, bool OnlyIfDifferent)> Restores { get; } = new();

    public Task ApplyAsync(IReadOnlyList<TableChange> changes, DesiredTable target, CancellationToken cancellationToken) =>
        Inner.ApplyAsync(changes, target, cancellationToken);

    public Task<DesiredTable?> ReadBackAsync(CancellationToken cancellationToken) => Inner.ReadBackAsync(cancellationToken);

    public Task<ForwardingRepair> RestoreAsync(DesiredTable target, bool onlyIfDifferent, CancellationToken cancellationToken)
    {
        Restores.Enqueue((target, onlyIfDifferent));
        return Task.FromResult(new ForwardingRepair(target.Services.Keys.ToList(), [], ["ip director"], target.Services.Count, !onlyIfDifferent));
    }
}
