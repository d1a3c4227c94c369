using Director.Native.Ipvs;

namespace Director.Native.Tests.Ipvs;

/// <summary>Against the running kernel: generic netlink works here; IPVS is present only where ip_vs is loaded.</summary>
public sealed class IpvsProbeTests
{
    private static bool KernelHasIpvs => File.Exists("/proc/net/ip_vs");

    [Fact]
    public void Probe_answers_whether_the_kernel_has_IPVS_without_throwing()
    {
        var available = IpvsProbe.IsAvailable(out var reason);

        Assert.Equal(KernelHasIpvs, available);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        if (!available) Assert.Contains("no generic netlink family IPVS", reason);
    }

    [Fact]
    public void Generic_netlink_socket_resolves_the_controller_itself()
    {
        using var socket = GenericNetlinkSocket.Open();

        Assert.Equal(GenericNetlinkControl.ControllerId, socket.ResolveFamily("nlctrl"));
        Assert.Null(socket.ResolveFamily("directornofam"));
        Assert.Throws<ArgumentException>(() => socket.ResolveFamily("director-no-such-family"));
    }

    [Fact]
    public void Opening_the_backend_without_IPVS_says_so()
    {
        if (KernelHasIpvs)
        {
            using var backend = IpvsBackend.Open();
            Assert.Equal("ipvs", backend.Name);
            return;
        }

        var e = Assert.Throws<NotSupportedException>(() => IpvsBackend.Open());
        Assert.Contains("IPVS", e.Message);
    }

    [Fact]
    public void A_disposed_socket_refuses_requests()
    {
        var socket = GenericNetlinkSocket.Open();
        socket.Dispose();

        Assert.Throws<ObjectDisposedException>(() => socket.ResolveFamily("nlctrl"));
    }
}
