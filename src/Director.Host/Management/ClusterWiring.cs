using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace Director.Host.Management;

/// <summary>Makes the actor system a cluster member when director.cluster.enabled is on.</summary>
public static class ClusterWiring
{
    // Nobody is ever downed: a partitioned director stays unreachable until the partition heals
    // and is then reachable again. Downing would run coordinated shutdown on the minority side and
    // stop its VRRP, which must never depend on the cluster.
    private const string NoDowning = """
        akka.cluster {
          downing-provider-class = ""
          run-coordinated-shutdown-when-down = off
          log-info = off
        }
        """;

    public static AkkaConfigurationBuilder WithDirectorCluster(this AkkaConfigurationBuilder akka, ClusterSettings cluster)
    {
        if (!cluster.Enabled) return akka;
        akka.WithRemoting(cluster.Hostname, cluster.Port);
        akka.WithClustering(new ClusterOptions
        {
            SeedNodes = [.. cluster.EffectiveSeedNodes],
            Roles = ["director"],
        });
        akka.AddHocon(NoDowning, HoconAddMode.Prepend);
        akka.WithAkkaClusterReadinessCheck(tags: [ManagementEndpoint.ReadyTag]);
        return akka;
    }
}
