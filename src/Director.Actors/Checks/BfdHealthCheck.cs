using Director.Core.Checks;

namespace Director.Actors.Checks;

/// <summary>BFD_CHECK: director has no BFD; the checker always reports a down, not-supported outcome.</summary>
public sealed class BfdHealthCheck : IHealthCheck
{
    private readonly string _instance;

    public BfdHealthCheck(string instance) => _instance = instance ?? "";

    public Task<CheckOutcome> RunAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new CheckOutcome(false, null, $"BFD_CHECK ({_instance}) is not supported by director", TimeSpan.Zero) { NotSupported = true });
}
