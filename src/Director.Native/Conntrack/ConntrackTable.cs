using Director.Core.Balancing.Nft;

namespace Director.Native.Conntrack;

/// <summary>
/// Reads the connection-tracking table of the calling thread's network namespace (read-only):
/// the source of active connections per real server on the nftables data plane.
/// </summary>
public static class ConntrackTable
{
    // /proc/thread-self: /proc/net follows the main thread's namespace, not the calling thread's.
    private const string ThreadPath = "/proc/thread-self/net/nf_conntrack";

    /// <summary>The table's text, or "" when conntrack is not loaded (no flows are tracked then).</summary>
    public static string ReadText()
    {
        try
        {
            return File.ReadAllText(ThreadPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    public static ConntrackCounts Read() => ConntrackCounts.Parse(ReadText());
}
