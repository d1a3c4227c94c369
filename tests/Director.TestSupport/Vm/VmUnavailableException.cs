namespace Director.TestSupport.Vm;

/// <summary>The test VM could not be prepared or booted; the message says why (never a silent skip).</summary>
public sealed class VmUnavailableException(string reason) : Exception($"the IPVS test VM is unavailable: {reason}");
