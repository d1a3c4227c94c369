using System.Net;
using Akka.Actor;
using Director.Actors.Native;
using Director.Actors.Tests.Fakes;
using Director.Core.Vrrp.Firewall;

namespace Director.Actors.Tests.Native;

/// <summary>native-io keeps the VIPs each instance blocks and installs their union, one whole-table write per change.</summary>
public class VipFirewallCommandTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly BlockedVip A1 = new(IPAddress.Parse("10.0.0.100"), "eth0");
    private static readonly BlockedVip A2 = new(IPAddress.Parse("10.0.0.101"), "eth0");
    private static readonly BlockedVip B1 = new(IPAddress.Parse("fd00::100"), "eth1");
    private readonly FakeVipFirewall _firewall = new();

    /// <summary>native-io with its clearing write at start done, so that the writes that follow are the test's.</summary>
    private IActorRef NativeIo(IVipFirewall? firewall)
    {
        var io = Sys.ActorOf(NativeIoActor.Props(new FakeKernelNetwork(), firewall: firewall));
        if (firewall is FakeVipFirewall fake) AwaitAssert(() => Assert.NotEmpty(fake.Writes), TimeSpan.FromSeconds(5));
        return io;
    }

    [Fact]
    public void The_union_of_the_instances_is_installed_and_removed_with_the_last_one()
    {
        var io = NativeIo(_firewall);
        io.Tell(new BlockVips("A", [A1, A2]));
        ExpectMsg<KernelWriteSucceeded>();
        io.Tell(new BlockVips("B", [B1, A1]));
        ExpectMsg<KernelWriteSucceeded>();
        Assert.Equal([A1, A2, B1], _firewall.Installed);

        io.Tell(new UnblockVips("A"));
        ExpectMsg<KernelWriteSucceeded>();
        Assert.Equal([A1, B1], _firewall.Installed);
        io.Tell(new UnblockVips("B"));
        ExpectMsg<KernelWriteSucceeded>();
        Assert.Empty(_firewall.Installed);
        Assert.Equal(5, _firewall.Writes.Count); // the clearing write at start, then one per change
    }

    [Fact]
    public void At_start_a_leftover_table_is_cleared_without_any_command()
    {
        NativeIo(_firewall);
        Assert.Equal([[]], _firewall.Writes);
    }

    [Fact]
    public void An_unchanged_union_is_not_written_again_but_the_first_command_always_is()
    {
        var io = NativeIo(_firewall);
        io.Tell(new UnblockVips("A"));
        ExpectMsg<KernelWriteSucceeded>();
        Assert.Equal([[]], _firewall.Writes); // only the write at start, which cleared a leftover

        io.Tell(new UnblockVips("A"));
        ExpectMsg<KernelWriteSucceeded>();
        io.Tell(new BlockVips("A", [A1]));
        ExpectMsg<KernelWriteSucceeded>();
        io.Tell(new BlockVips("A", [A1]));
        ExpectMsg<KernelWriteSucceeded>();
        io.Tell(new BlockVips("B", [A1]));
        ExpectMsg<KernelWriteSucceeded>();
        Assert.Equal(2, _firewall.Writes.Count);
    }

    [Fact]
    public void A_failed_write_is_reported_and_the_next_change_installs_the_whole_union()
    {
        var io = NativeIo(_firewall);
        _firewall.FailNext();
        io.Tell(new BlockVips("A", [A1]));
        var failed = ExpectMsg<KernelWriteFailed>();
        Assert.Contains("injected", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(_firewall.Installed);

        io.Tell(new BlockVips("B", [B1]));
        ExpectMsg<KernelWriteSucceeded>();
        Assert.Equal([A1, B1], _firewall.Installed);
    }

    [Fact]
    public void Stopping_native_io_removes_the_table()
    {
        var io = NativeIo(_firewall);
        io.Tell(new BlockVips("A", [A1]));
        ExpectMsg<KernelWriteSucceeded>();
        Watch(io);
        Sys.Stop(io);
        ExpectTerminated(io);
        Assert.Empty(_firewall.Installed);
        Assert.Equal(3, _firewall.Writes.Count); // at start, the block, at stop
    }

    [Fact]
    public void Without_a_firewall_blocking_fails_and_unblocking_nothing_succeeds()
    {
        var io = NativeIo(null);
        io.Tell(new UnblockVips("A"));
        ExpectMsg<KernelWriteSucceeded>();
        io.Tell(new BlockVips("A", [A1]));
        Assert.Contains("no VIP firewall", ExpectMsg<KernelWriteFailed>().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Firewall_commands_wait_their_turn_behind_other_writes()
    {
        var kernel = new FakeKernelNetwork { Delay = TimeSpan.FromMilliseconds(100) };
        var io = Sys.ActorOf(NativeIoActor.Props(kernel, firewall: _firewall));
        io.Tell(new AddAddress(new VipAddressSpec("eth0", A1.Address, 32)));
        io.Tell(new BlockVips("A", [A1]));
        io.Tell(new UnblockVips("A"));
        Assert.IsType<AddAddress>(ExpectMsg<KernelWriteSucceeded>().Command);
        Assert.IsType<BlockVips>(ExpectMsg<KernelWriteSucceeded>().Command);
        Assert.IsType<UnblockVips>(ExpectMsg<KernelWriteSucceeded>().Command);
        Assert.Equal([[A1], []], _firewall.Writes);
    }

    [Fact]
    public async Task A_restarted_native_io_still_knows_what_every_instance_blocks()
    {
        var watchdog = Sys.ActorOf(Director.Actors.Supervision.WatchdogActor.Props(
            [new Director.Actors.Supervision.ChildSpec("native-io", NativeIoActor.Props(new FakeKernelNetwork(), firewall: _firewall))]), "watchdog");
        AwaitAssert(() => Assert.NotEmpty(_firewall.Writes), TimeSpan.FromSeconds(5));
        var io = await Sys.ActorSelection(watchdog.Path / "native-io").ResolveOne(TimeSpan.FromSeconds(5));
        io.Tell(new BlockVips("A", [A1]));
        ExpectMsg<KernelWriteSucceeded>();
        io.Tell(new BlockVips("B", [B1]));
        ExpectMsg<KernelWriteSucceeded>();

        var before = _firewall.Writes.Count;
        io.Tell(Kill.Instance);
        AwaitAssert(() =>
        {
            io.Tell(new UnblockVips("A"));
            ExpectMsg<KernelWriteSucceeded>(TimeSpan.FromSeconds(1));
            Assert.Equal([B1], _firewall.Installed);
        }, TimeSpan.FromSeconds(5));
        Assert.True(_firewall.Writes.Count > before, "the restart wrote nothing");
    }
}
