using System.Net;
using Director.Core.Vrrp.Firewall;
using Director.Native.Nftables;

namespace Director.Native.Tests.Nftables;

/// <summary>
/// A kernel without nftables netlink (nf_tables / nfnetlink not loaded): libnftables would print
/// "Unable to initialize Netlink socket" and exit() the daemon, so it is never called; the VIP
/// firewall's clearing write at start is a no-op and blocking fails with the reason.
/// </summary>
public sealed class NftWithoutKernelSupportTests
{
    // No kernel registers netlink protocol 30: socket() fails as NETLINK_NETFILTER does without nfnetlink.
    private const int UnregisteredNetlinkProtocol = 30;

    [Fact]
    public void The_probe_reports_a_netlink_protocol_the_kernel_does_not_have()
    {
        var reason = NetfilterNetlinkProbe.Unavailable(UnregisteredNetlinkProtocol);

        Assert.NotNull(reason);
        Assert.Contains("nftables is not usable", reason, StringComparison.Ordinal);
        Assert.Contains("Protocol not supported", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_probe_finds_nftables_netlink_on_this_host()
    {
        Assert.Null(NetfilterNetlinkProbe.Unavailable());
    }

    [Fact]
    public async Task The_firewall_clears_nothing_and_refuses_to_block_without_calling_libnftables()
    {
        var probes = 0;
        using var session = new NftSession("vip-firewall-test", null, () =>
        {
            probes++;
            return NetfilterNetlinkProbe.Unavailable(UnregisteredNetlinkProtocol);
        });
        using var firewall = new NftVipFirewall(VipFirewallOptions.Default, session);

        await firewall.ApplyAsync([], CancellationToken.None);
        var refused = await Assert.ThrowsAsync<NftUnavailableException>(() =>
            firewall.ApplyAsync([new BlockedVip(IPAddress.Parse("192.0.2.10"), "lo")], CancellationToken.None));

        Assert.Contains("cannot block 1 VIP(s)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Protocol not supported", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, probes);
    }
}
