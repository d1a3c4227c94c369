using Akka.Actor;
using Director.Actors.Supervision;
using Director.Core.Balancing;
using Director.Core.Config.Model;

namespace Director.Actors.Balancing;

/// <summary>The <c>lb</c> supervisor and its children, from the configuration.</summary>
public static class LbTopology
{
    /// <summary>The <c>lb</c> supervisor (<see cref="LbSupervisorActor"/>).</summary>
    public static Props Supervisor(KeepalivedConfig config, LbServices services, RestartPolicy? policy = null) =>
        LbSupervisorActor.Props(config, services, policy);

    /// <summary>Every service key the configuration owns (what a start prunes against, what a stop removes).</summary>
    public static IReadOnlyList<VirtualServiceKey> ConfiguredKeys(KeepalivedConfig config) =>
        DesiredTableBuilder.AllUp(config).Services.Keys.ToArray();
}
