using Akka.Actor;
using Akka.TestKit;
using Director.Actors.Native;
using Director.Actors.Tests.Fakes;
using Director.Actors.Vrrp;
using Director.Core.Vrrp;
using static Director.Actors.Tests.Vrrp.InstanceFixtures;

namespace Director.Actors.Tests.Vrrp;

/// <summary>An instance without accept mode blocks its VIPs while MASTER, before adding them, and lifts the block when it leaves.</summary>
public class NoAcceptTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly RecordingVrrpSender _sender = new();
    private readonly TestProbe _kernel;

    public NoAcceptTests()
        : base("akka.test.timefactor = 3") => _kernel = CreateTestProbe("native-io");

    private IActorRef Start(VrrpInstanceSettings settings)
    {
        var instance = Sys.ActorOf(VrrpInstanceActor.Props(settings, _sender, _kernel, VrrpInstanceLinks.None, new RecordingScriptRunner()), settings.ActorName);
        instance.Tell(new Director.Actors.Links.LinkStateChanged("eth0", true));
        return instance;
    }

    /// <summary>The next kernel command that is not a gratuitous ARP (a takeover sends garp_master_repeat of them).</summary>
    private T Next<T>()
        where T : KernelCommand
    {
        for (var i = 0; i < 20; i++)
        {
            var message = _kernel.ReceiveOne(Wait);
            if (message is SendGratuitousArp) continue;
            return Assert.IsType<T>(message);
        }
        throw new InvalidOperationException("only gratuitous ARPs");
    }

    private static VrrpInstanceSettings NoAccept() => Settings() with { Machine = Settings().Machine with { AcceptMode = false } };

    [Fact]
    public void Master_blocks_before_adding_and_unblocks_after_removing()
    {
        var instance = Start(NoAccept());
        Next<DeleteAddress>();
        Assert.Equal(new UnblockVips("VI_1"), Next<UnblockVips>()); // clears what a crashed run left

        var block = Next<BlockVips>();
        Assert.Equal("VI_1", block.Instance);
        Assert.Equal([new Director.Core.Vrrp.Firewall.BlockedVip(Vip, "eth0")], block.Vips);
        Next<AddAddress>();
        
        instance.Tell(AdvertFromPeer(200));
        Next<DeleteAddress>();
        Next<UnblockVips>();
    }

    [Fact]
    public void With_accept_mode_nothing_is_blocked()
    {
        Start(Settings());
        Next<DeleteAddress>();
        Next<AddAddress>();
                _kernel.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m is SendGratuitousArp ? m : null);
        _kernel.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Release_at_stop_unblocks()
    {
        var instance = Start(NoAccept());
        Next<DeleteAddress>();
        Next<UnblockVips>();
        Next<BlockVips>();
        Next<AddAddress>();
        
        instance.Tell(ReleaseVrrp.Instance);
        Next<DeleteAddress>();
        Next<UnblockVips>();
    }
}
