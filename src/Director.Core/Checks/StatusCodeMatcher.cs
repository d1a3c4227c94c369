using Director.Core.Config.Model;

namespace Director.Core.Checks;

/// <summary>Whether an HTTP status is accepted by a url's <c>status_code</c> list (empty: 200-299).</summary>
public static class StatusCodeMatcher
{
    public static bool Accepts(IReadOnlyList<StatusCodeRange> ranges, int status)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        if (ranges.Count == 0)
            return status is >= 200 and <= 299;
        foreach (var range in ranges)
        {
            if (status >= range.From && status <= range.To)
                return true;
        }
        return false;
    }
}
