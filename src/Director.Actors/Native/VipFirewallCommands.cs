using Director.Core.Vrrp.Firewall;

namespace Director.Actors.Native;

/// <summary>
/// Blocks <paramref name="Vips"/> on behalf of <paramref name="Instance"/> (a MASTER without accept
/// mode), replacing what it blocked before. native-io installs the union over all instances.
/// </summary>
public sealed record BlockVips(string Instance, IReadOnlyList<BlockedVip> Vips) : KernelCommand
{
    public override string Kind => "block-vips";

    public override string ToString() => $"block {Vips.Count} VIPs of {Instance}: {string.Join(", ", Vips.Select(v => v.Address))}";
}

/// <summary>Lifts what <paramref name="Instance"/> blocked (a no-op when it blocked nothing).</summary>
public sealed record UnblockVips(string Instance) : KernelCommand
{
    public override string Kind => "unblock-vips";
}
