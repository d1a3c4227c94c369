using System.Runtime.InteropServices;
using Director.Native.Interop;
using Director.Native.Netlink;
using Tmds.Linux;

namespace Director.Native.Nftables;

/// <summary>
/// Whether this network namespace's kernel answers on NETLINK_NETFILTER. libnftables cannot be
/// asked: when it cannot open that socket (nfnetlink / nf_tables not loaded, as on an IPVS host
/// firewalled with iptables) it prints "Unable to initialize Netlink socket" and calls exit(),
/// which takes the whole daemon down (or hangs it in the runtime's shutdown).
/// </summary>
public static class NetfilterNetlinkProbe
{
    internal const int NetlinkNetfilter = 12;

    /// <summary>Null when a NETLINK_NETFILTER socket opens here; otherwise why not.</summary>
    /// <param name="protocol">The netlink protocol to try (tests use one no kernel has).</param>
    public static string? Unavailable(int protocol = NetlinkNetfilter)
    {
        var fd = Sys.socket(Nl.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0)
        {
            var error = new KernelCallException("socket(AF_NETLINK, NETLINK_NETFILTER)", Marshal.GetLastPInvokeError());
            return $"nftables is not usable in this kernel (nf_tables / nfnetlink not loaded?): {error.Message}";
        }

        Sys.close(fd);
        return null;
    }
}
