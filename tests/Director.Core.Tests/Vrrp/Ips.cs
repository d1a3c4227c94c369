using System.Net;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Vrrp;

internal static class Ips
{
    public static EquatableList<IPAddress> Of(params string[] addresses) => new(addresses.Select(IPAddress.Parse));

    public static IPAddress A(string address) => IPAddress.Parse(address);
}
