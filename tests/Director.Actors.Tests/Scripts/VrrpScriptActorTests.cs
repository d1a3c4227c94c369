using Akka.Actor;
using Director.Actors.Scripts;
using Director.Core.Scripts;

namespace Director.Actors.Tests.Scripts;

public class VrrpScriptActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private IActorRef Script(string name, string commandLine, int weight = 0, int rise = 1, int fall = 1, bool initFail = false, TimeSpan? timeout = null)
    {
        var settings = VrrpScriptSettings.Create(name, commandLine, Interval, timeout ?? TimeSpan.FromSeconds(2)) with
        {
            Weight = weight,
            Rise = rise,
            Fall = fall,
            InitFail = initFail,
        };
        var actor = Sys.ActorOf(VrrpScriptActor.Props(settings, new ProcessScriptRunner()), VrrpScriptActor.ActorName(name));
        actor.Tell(new SubscribeScript(TestActor));
        return actor;
    }

    [Fact]
    public void A_succeeding_script_reports_ok_once()
    {
        var actor = Script("chk_true", "/bin/true", weight: 20);
        Assert.Equal("script-chk_true", actor.Path.Name);
        ExpectMsg(new ScriptStateChanged("chk_true", true, 20));

        // Several more successful runs, and still no second message.
        AwaitAssert(() =>
        {
            actor.Tell(GetScriptStatus.Instance, TestActor);
            var status = ExpectMsg<ScriptStatusReport>();
            Assert.Equal(ScriptStatus.Ok, status.Status);
            Assert.True(status.Runs >= 3, $"runs {status.Runs}");
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_failing_script_reports_failed_with_negative_weight()
    {
        Script("chk_false", "/bin/false", weight: -30, fall: 3);
        ExpectMsg(new ScriptStateChanged("chk_false", false, -30));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_script_that_times_out_is_failed()
    {
        Script("chk_slow", "/bin/sleep 5", timeout: TimeSpan.FromMilliseconds(150));
        ExpectMsg(new ScriptStateChanged("chk_slow", false, 0), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Transitions_follow_the_script_with_rise_and_fall()
    {
        var flag = Path.Combine(Path.GetTempPath(), $"director-flag-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(flag, "");
            var actor = Script("chk_flag", $"/usr/bin/test -e {flag}", weight: 10, rise: 2, fall: 2);
            ExpectMsg(new ScriptStateChanged("chk_flag", true, 10));

            File.Delete(flag);
            ExpectMsg(new ScriptStateChanged("chk_flag", false, 0), TimeSpan.FromSeconds(3));
            actor.Tell(GetScriptStatus.Instance);
            Assert.Equal(ScriptStatus.Failed, ExpectMsg<ScriptStatusReport>().Status);

            File.WriteAllText(flag, "");
            ExpectMsg(new ScriptStateChanged("chk_flag", true, 10), TimeSpan.FromSeconds(3));
        }
        finally
        {
            File.Delete(flag);
        }
    }

    [Fact]
    public void Init_fail_is_failed_from_the_start_until_rise_successes()
    {
        var actor = Script("chk_init", "/bin/true", rise: 3, initFail: true);
        ExpectMsg(new ScriptStateChanged("chk_init", false, 0)); // known at subscription: the instance starts in FAULT
        ExpectMsg(new ScriptStateChanged("chk_init", true, 0), TimeSpan.FromSeconds(3));
        actor.Tell(GetScriptStatus.Instance);
        Assert.True(ExpectMsg<ScriptStatusReport>().Runs >= 3);
    }

    [Fact]
    public void A_late_subscriber_gets_the_current_state_and_stopped_subscribers_are_dropped()
    {
        var actor = Script("chk_late", "/bin/true");
        ExpectMsg(new ScriptStateChanged("chk_late", true, 0));
        var late = CreateTestProbe();
        actor.Tell(new SubscribeScript(late.Ref));
        late.ExpectMsg(new ScriptStateChanged("chk_late", true, 0));
        Sys.Stop(late.Ref);
        actor.Tell(new UnsubscribeScript(TestActor));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
