using Akka.Actor;
using Director.Actors.Supervision;
using Director.Core.Balancing;
using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>The <c>lb</c> supervisor and its children, from the configuration.</summary>
public static class LbTopology
{
    /// <summary>One <see cref="VirtualServerActor"/> spec per virtual_server, with unique names.</summary>
    public static IReadOnlyList<ChildSpec> VirtualServers(KeepalivedConfig config, LbServices services)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = LbNames.Unique(config.VirtualServer.Select(LbNames.VirtualServer));
        return config.VirtualServer
            .Select((vs, i) => new ChildSpec(names[i], VirtualServerActor.Props(config, vs, services)))
            .ToArray();
    }

    /// <summary>
    /// The <c>lb</c> supervisor: counts restarts of its virtual servers like the other supervisors
    /// (one-for-one; past the limit it escalates to the watchdog).
    /// </summary>
    public static Props Supervisor(KeepalivedConfig config, LbServices services, RestartPolicy? policy = null) =>
        SupervisorOf.Props(VirtualServers(config, services), policy);

    /// <summary>Every service key the configuration owns (what a start prunes against, what a stop removes).</summary>
    public static IReadOnlyList<VirtualServiceKey> ConfiguredKeys(KeepalivedConfig config) =>
        DesiredTableBuilder.AllUp(config).Services.Keys.ToArray();
}
