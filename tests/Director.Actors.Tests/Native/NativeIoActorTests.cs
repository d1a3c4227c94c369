using System.Net;
using Akka.Actor;
using Director.Actors.Native;
using Director.Actors.Tests.Fakes;

namespace Director.Actors.Tests.Native;

public class NativeIoActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly VipAddressSpec Vip = new("eth0", IPAddress.Parse("10.0.0.100"), 24);
    private readonly FakeKernelNetwork _kernel = new();

    private IActorRef NativeIo(TimeSpan? timeout = null) => Sys.ActorOf(NativeIoActor.Props(_kernel, timeout), NativeIoActor.Name);

    private NativeIoStats StatsOf(IActorRef nativeIo)
    {
        var probe = CreateTestProbe();
        nativeIo.Tell(GetNativeIoStats.Instance, probe.Ref);
        return probe.ExpectMsg<NativeIoStats>();
    }

    [Fact]
    public void Adds_an_address_and_replies_success()
    {
        var io = NativeIo();
        io.Tell(new AddAddress(Vip));
        var reply = ExpectMsg<KernelWriteSucceeded>();
        Assert.Equal(new AddAddress(Vip), reply.Command);
        Assert.False(reply.AlreadyInPlace);
        Assert.Equal([new KernelInterfaceAddress("eth0", Vip.Address, 24)], _kernel.AddressesOn("eth0"));
    }

    [Fact]
    public void Adding_an_existing_address_is_success_already_in_place()
    {
        var io = NativeIo();
        io.Tell(new AddAddress(Vip));
        ExpectMsg<KernelWriteSucceeded>();
        io.Tell(new AddAddress(Vip));
        Assert.True(ExpectMsg<KernelWriteSucceeded>().AlreadyInPlace);
        Assert.Single(_kernel.AddressesOn("eth0"));
        Assert.Equal(0, StatsOf(io).Failures);
    }

    [Fact]
    public void Deleting_an_absent_address_or_route_or_vmac_is_success()
    {
        var io = NativeIo();
        io.Tell(new DeleteAddress(Vip));
        Assert.True(ExpectMsg<KernelWriteSucceeded>().AlreadyInPlace);
        io.Tell(new DeleteRoute(new RouteSpec(IPAddress.Parse("10.1.0.0"), 16, IPAddress.Parse("10.0.0.1"))));
        Assert.True(ExpectMsg<KernelWriteSucceeded>().AlreadyInPlace);
        io.Tell(new DeleteVmac("vrrp.51"));
        Assert.True(ExpectMsg<KernelWriteSucceeded>().AlreadyInPlace);
    }

    [Theory]
    [InlineData(Errno.ENOENT)]
    [InlineData(Errno.ESRCH)]
    [InlineData(Errno.EADDRNOTAVAIL)]
    public void Delete_errors_meaning_absent_are_success(int errno)
    {
        var io = NativeIo();
        _kernel.FailNext(errno);
        io.Tell(new DeleteAddress(Vip));
        Assert.True(ExpectMsg<KernelWriteSucceeded>().AlreadyInPlace);
    }

    [Fact]
    public void Other_errors_are_failures_with_errno_and_counted()
    {
        var io = NativeIo();
        _kernel.FailNext(1); // EPERM
        io.Tell(new AddAddress(Vip));
        var failed = ExpectMsg<KernelWriteFailed>();
        Assert.Equal(1, failed.Errno);
        Assert.Equal(new AddAddress(Vip), failed.Command);
        Assert.Contains("errno 1", failed.Reason);

        _kernel.FailNext(Errno.EEXIST); // EEXIST on a delete is not benign
        io.Tell(new DeleteAddress(Vip));
        Assert.Equal(Errno.EEXIST, ExpectMsg<KernelWriteFailed>().Errno);

        var stats = StatsOf(io);
        Assert.Equal(2, stats.Writes);
        Assert.Equal(2, stats.Failures);
    }

    [Fact]
    public void Commands_run_one_at_a_time_in_arrival_order()
    {
        _kernel.Delay = TimeSpan.FromMilliseconds(30);
        var io = NativeIo();
        var commands = Enumerable.Range(1, 6)
            .Select(i => (KernelCommand)new AddAddress(Vip with { Address = IPAddress.Parse($"10.0.0.{i}") }))
            .Append(new ListAddresses("eth0"))
            .ToArray();
        foreach (var c in commands)
            io.Tell(c);

        for (var i = 0; i < 6; i++)
            Assert.Equal(commands[i], ExpectMsg<KernelWriteSucceeded>().Command);
        var listed = ExpectMsg<KernelAddressesListed>();
        Assert.Equal(6, listed.Addresses.Count);

        Assert.Equal(1, _kernel.MaxConcurrency);
        Assert.Equal(
            Enumerable.Range(1, 6).Select(i => $"add 10.0.0.{i}/24 dev eth0").Append("list eth0"),
            _kernel.Calls);
    }

    [Fact]
    public void Stats_answer_while_busy_and_measure_latency()
    {
        _kernel.Delay = TimeSpan.FromMilliseconds(300); // long enough that a loaded machine still asks mid-way
        var io = NativeIo();
        io.Tell(new AddAddress(Vip));
        io.Tell(new DeleteAddress(Vip));
        io.Tell(new AddAddress(Vip));
        var during = StatsOf(io);
        Assert.True(during.Writes < 3);
        ExpectMsg<KernelWriteSucceeded>();
        ExpectMsg<KernelWriteSucceeded>();
        ExpectMsg<KernelWriteSucceeded>();

        var after = StatsOf(io);
        Assert.Equal(3, after.Writes);
        Assert.Equal(0, after.Failures);
        Assert.Equal(0, after.Pending);
        Assert.True(after.LastLatency >= TimeSpan.FromMilliseconds(270), $"last latency {after.LastLatency}");
        Assert.True(after.TotalLatency >= TimeSpan.FromMilliseconds(270), $"total latency {after.TotalLatency}");
        Assert.True(after.MeanLatency >= TimeSpan.FromMilliseconds(90));
    }

    [Fact]
    public void A_hung_write_times_out_and_the_next_one_still_runs()
    {
        var io = NativeIo(TimeSpan.FromMilliseconds(200));
        _kernel.HangNext();
        io.Tell(new AddAddress(Vip));
        io.Tell(new AddAddress(Vip));
        var failed = ExpectMsg<KernelWriteFailed>();
        Assert.Null(failed.Errno);
        Assert.Contains("timed out", failed.Reason);
        Assert.False(ExpectMsg<KernelWriteSucceeded>().AlreadyInPlace);
    }

    [Fact]
    public void Replies_go_to_each_sender()
    {
        var io = NativeIo();
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        io.Tell(new AddAddress(Vip), a.Ref);
        io.Tell(new SendGratuitousArp("eth0", Vip.Address), b.Ref);
        a.ExpectMsg<KernelWriteSucceeded>(m => m.Command is AddAddress);
        b.ExpectMsg<KernelWriteSucceeded>(m => m.Command is SendGratuitousArp);
        Assert.Equal([("eth0", Vip.Address)], _kernel.SentArps);
    }

    [Fact]
    public void Routes_vmacs_and_neighbour_adverts_reach_the_kernel()
    {
        var io = NativeIo();
        var route = new RouteSpec(IPAddress.Parse("10.1.0.0"), 16, IPAddress.Parse("10.0.0.1"), "eth0");
        var vmac = new VmacSpec("vrrp.51", "eth0", System.Net.NetworkInformation.PhysicalAddress.Parse("00-00-5E-00-01-33"));
        io.Tell(new AddRoute(route));
        io.Tell(new CreateVmac(vmac));
        io.Tell(new CreateVmac(vmac));
        io.Tell(new SendUnsolicitedNeighbourAdvert("eth0", IPAddress.Parse("fe80::1")));
        ExpectMsg<KernelWriteSucceeded>();
        ExpectMsg<KernelWriteSucceeded>();
        Assert.True(ExpectMsg<KernelWriteSucceeded>().AlreadyInPlace);
        ExpectMsg<KernelWriteSucceeded>();
        Assert.True(_kernel.HasRoute(route));
        Assert.True(_kernel.HasVmac("vrrp.51"));
        Assert.Single(_kernel.SentNeighbourAdverts);
    }
}
