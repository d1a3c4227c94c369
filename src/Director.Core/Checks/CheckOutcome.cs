namespace Director.Core.Checks;

/// <summary>
/// The result of one run of a health check.
/// <paramref name="Weight"/>: an absolute weight the check asks for (MISC_CHECK with misc_dynamic);
/// <paramref name="WeightDelta"/>: a change to add to the real server's configured weight (FILE_CHECK).
/// </summary>
public sealed record CheckOutcome(bool Up, int? Weight, string Detail, TimeSpan Latency)
{
    public int? WeightDelta { get; init; }

    /// <summary>The checker cannot run here at all (BFD_CHECK); it is reported as down.</summary>
    public bool NotSupported { get; init; }

    public static CheckOutcome Success(string detail, TimeSpan latency) => new(true, null, detail, latency);

    public static CheckOutcome Failure(string detail, TimeSpan latency) => new(false, null, detail, latency);
}
