using Director.Core.Scripts;

namespace Director.Actors.Scripts;

/// <summary>A <c>vrrp_script</c> block: what to run, how often, how long it may take, rise/fall, init_fail, user.</summary>
public sealed record VrrpScriptSettings(
    string Name,
    ScriptCommandLine Command,
    TimeSpan Interval,
    TimeSpan Timeout,
    int Weight = 0,
    bool WeightReverse = false,
    int Rise = 1,
    int Fall = 1,
    bool InitFail = false,
    ScriptUser? RunAs = null)
{
    /// <summary>keepalived's defaults: interval 1 s, rise 1, fall 1, weight 0; timeout defaults to the interval.</summary>
    public static VrrpScriptSettings Create(string name, string commandLine, TimeSpan? interval = null, TimeSpan? timeout = null)
    {
        var every = interval ?? TimeSpan.FromSeconds(1);
        return new VrrpScriptSettings(name, ScriptCommandLine.Parse(commandLine), every, timeout ?? every);
    }
}
