using System.Globalization;

namespace Director.Native.Nftables.Events;

/// <summary>
/// The netlink port ids of this process's NETLINK_NETFILTER sockets (libnftables keeps one per
/// context for its lifetime), in the network namespace of the calling thread: the sockets of
/// /proc/thread-self/net/netlink whose inode is one of /proc/self/fd. Port ids are the kernel's
/// own per-namespace socket addresses, so this holds whatever pid namespace director runs in
/// (a transaction's NFTA_GEN_PROC_PID is a pid of the initial pid namespace, which a containerised
/// director cannot compare with its own).
/// </summary>
public static class OwnNetlinkSockets
{
    public const int NetlinkNetfilter = 12;

    public static IReadOnlySet<uint> PortIds()
    {
        var inodes = SocketInodes();
        string listing;
        try
        {
            listing = File.ReadAllText("/proc/thread-self/net/netlink");
        }
        catch (IOException)
        {
            return new HashSet<uint>();
        }

        return Parse(listing, inodes, NetlinkNetfilter);
    }

    /// <summary>
    /// Port ids of the sockets of <paramref name="protocol"/> in a /proc/net/netlink listing
    /// (columns sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode) whose inode is in <paramref name="inodes"/>.
    /// </summary>
    public static IReadOnlySet<uint> Parse(string listing, IReadOnlySet<ulong> inodes, int protocol)
    {
        var result = new HashSet<uint>();
        foreach (var line in listing.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10) continue;
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var eth) || eth != protocol) continue;
            if (!uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var portId)) continue;
            if (!ulong.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode) || !inodes.Contains(inode)) continue;
            result.Add(portId);
        }

        return result;
    }

    private static HashSet<ulong> SocketInodes()
    {
        var inodes = new HashSet<ulong>();
        IEnumerable<string> fds;
        try
        {
            fds = Directory.EnumerateFileSystemEntries("/proc/self/fd").ToList();
        }
        catch (IOException)
        {
            return inodes;
        }

        foreach (var fd in fds)
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "socket:[12345]"
            if (target is null || !target.StartsWith("socket:[", StringComparison.Ordinal) || !target.EndsWith(']')) continue;
            if (ulong.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)) inodes.Add(inode);
        }

        return inodes;
    }
}
