using System.Net;
using Director.Core.Balancing;

namespace Director.Core.Tests.Balancing;

/// <summary>Small tables for tests.</summary>
internal static class Tables
{
    public static VirtualServiceKey Key(int port = 80, string vip = "10.0.0.1") =>
        VirtualServiceKey.ForAddress(IPAddress.Parse(vip), port, IpProtocol.Tcp);

    public static Destination Dest(int n, int weight = 1, ForwardingMethod method = ForwardingMethod.Masquerade) =>
        new() { Address = IPAddress.Parse($"192.168.1.{n}"), Port = 80, Weight = weight, Method = method };

    public static VirtualService Service(VirtualServiceKey key, string scheduler, params Destination[] destinations) =>
        new() { Key = key, Scheduler = new Scheduler(scheduler), Destinations = destinations };
}
