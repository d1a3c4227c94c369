using System.Net;
using Director.Core.Config.Hocon;

namespace Director.Core.Config.Model;

/// <summary>
/// One line of <c>virtual_routes</c>: <c>[src S] DEST[/PREFIX] [via|gw G] [dev D] [scope S]
/// [table T] [metric M]</c>, or <c>blackhole DEST[/PREFIX]</c>.
/// </summary>
public sealed record VirtualRoute
{
    public IPAddress Destination { get; init; } = IPAddress.Any;

    public int PrefixLength { get; init; } = 32;

    public IPAddress? Via { get; init; }

    [HoconKey("dev")]
    public string? Device { get; init; }

    [HoconKey("src")]
    public IPAddress? Source { get; init; }

    public int? Metric { get; init; }

    public string? Table { get; init; }

    public string? Scope { get; init; }

    public bool Blackhole { get; init; }
}
