using Director.Native.Namespaces;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

[Collection(NetnsCollection.Name)]
public sealed class SysctlTests
{
    [Fact]
    public void Interface_sysctl_is_written_in_the_namespace_only()
    {
        using var hosts = TwoHosts.Create();

        Sysctl.Write("net/ipv4/conf/eth0/arp_ignore", "1", hosts.A.Name);

        Assert.Equal("1", Sysctl.Read("net/ipv4/conf/eth0/arp_ignore", hosts.A.Name));
        Assert.Equal("1", hosts.A.Exec("sysctl", "-n", "net.ipv4.conf.eth0.arp_ignore").Stdout.Trim());
        Assert.Equal("0", hosts.B.Exec("sysctl", "-n", "net.ipv4.conf.eth0.arp_ignore").Stdout.Trim());
        Assert.Throws<ArgumentException>(() => Sysctl.Read("net/../../etc/passwd"));
    }
}
