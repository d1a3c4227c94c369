using System.Net;
using Director.Actors.Native;

namespace Director.Actors.Tests.Native;

public class KernelErrorPolicyTests
{
    private static readonly VipAddressSpec Vip = new("eth0", IPAddress.Loopback, 32);

    [Fact]
    public void Eexist_is_benign_only_for_adds()
    {
        Assert.True(KernelErrorPolicy.IsAlreadyInPlace(new AddAddress(Vip), Errno.EEXIST));
        Assert.True(KernelErrorPolicy.IsAlreadyInPlace(new AddRoute(new RouteSpec(IPAddress.Any, 0)), Errno.EEXIST));
        Assert.False(KernelErrorPolicy.IsAlreadyInPlace(new DeleteAddress(Vip), Errno.EEXIST));
        Assert.False(KernelErrorPolicy.IsAlreadyInPlace(new SendGratuitousArp("eth0", IPAddress.Loopback), Errno.EEXIST));
    }

    [Theory]
    [InlineData(Errno.EADDRNOTAVAIL, true)]
    [InlineData(Errno.ESRCH, true)]
    [InlineData(Errno.ENOENT, true)]
    [InlineData(Errno.ENODEV, false)]
    [InlineData(1, false)]
    public void Absent_errors_are_benign_for_deletes(int errno, bool benign) =>
        Assert.Equal(benign, KernelErrorPolicy.IsAlreadyInPlace(new DeleteAddress(Vip), errno));
}
