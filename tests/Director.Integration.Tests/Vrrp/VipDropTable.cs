using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Vrrp;

/// <summary>director's VIP drop table (<c>inet director_vrrp</c>) as a node holds it, and what a client gets from a blocked VIP.</summary>
internal static class VipDropTable
{
    public const string Name = "director_vrrp";

    public static readonly TimeSpan Answer = TimeSpan.FromSeconds(1);

    /// <summary><c>nft list table inet director_vrrp</c> in the node's namespace, or "" when it has none.</summary>
    public static string List(VrrpNode node)
    {
        var result = node.Namespace.TryExec("nft", "list", "table", "inet", Name);
        return result.Succeeded ? result.Stdout : "";
    }

    public static void AssertNoAnswer(VrrpSegment segment, VrrpNode client, string vip, string step)
    {
        Assert.False(Reachability.Pings(client.Namespace, vip, Answer), $"{step}: ping to {vip} was answered\n{segment.Logs()}");
        var tcp = Reachability.Connect(client.Namespace, vip, 9, Answer);
        Assert.True(tcp == TcpAnswer.NoAnswer, $"{step}: TCP to {vip}:9 got {tcp}\n{segment.Logs()}");
    }
}
