namespace Director.Actors.Native;

/// <summary>The command took effect (or its effect was already there: see <see cref="AlreadyInPlace"/>).</summary>
public sealed record KernelWriteSucceeded(KernelCommand Command, TimeSpan Latency, bool AlreadyInPlace = false);

/// <summary>The command failed; <see cref="Errno"/> is null when it did not come from the kernel (timeout, bug).</summary>
public sealed record KernelWriteFailed(KernelCommand Command, string Reason, int? Errno = null);

/// <summary>The answer to <see cref="ListAddresses"/>.</summary>
public sealed record KernelAddressesListed(string Interface, IReadOnlyList<KernelInterfaceAddress> Addresses, TimeSpan Latency);

/// <summary>Asks native-io for its counters; answered with <see cref="NativeIoStats"/>.</summary>
public sealed record GetNativeIoStats
{
    public static readonly GetNativeIoStats Instance = new();
}

/// <param name="Writes">Commands carried out, successful or not.</param>
/// <param name="Failures">Commands answered with <see cref="KernelWriteFailed"/>.</param>
/// <param name="Pending">Commands waiting behind the one in progress.</param>
public sealed record NativeIoStats(long Writes, long Failures, TimeSpan TotalLatency, TimeSpan LastLatency, int Pending)
{
    /// <summary>Times the forwarding table was written back after another process changed it.</summary>
    public long ForwardingRepairs { get; init; }

    /// <summary>Times the VIP drop table was written back after another process changed it.</summary>
    public long FirewallRepairs { get; init; }

    public TimeSpan MeanLatency => Writes == 0 ? TimeSpan.Zero : TotalLatency / Writes;
}
