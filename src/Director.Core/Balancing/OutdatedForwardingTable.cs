namespace Director.Core.Balancing;

/// <summary>
/// One of the backend's own tables found at read-back in a layout this version does not write
/// (an older daemon's, or content it does not expect); the first apply replaces it whole.
/// </summary>
/// <param name="Family">nftables family, e.g. "ip".</param>
/// <param name="Table">Table name, e.g. "director".</param>
/// <param name="FoundMarker">The layout marker the table carried; null when it had none.</param>
/// <param name="Reason">What was wrong, for the log.</param>
public sealed record OutdatedForwardingTable(string Family, string Table, string? FoundMarker, string Reason);
