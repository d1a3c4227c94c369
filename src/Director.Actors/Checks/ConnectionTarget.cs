using System.Net;
using Director.Core.Config.Model;

namespace Director.Actors.Checks;

/// <summary>Where a network check connects (connect_ip/connect_port, else the real server) and what it binds to first.</summary>
public sealed record ConnectionTarget(IPEndPoint Remote, IPEndPoint? Local, TimeSpan Timeout)
{
    public static ConnectionTarget For(NetworkChecker checker, RealServer realServer)
    {
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(realServer);
        var ip = checker.ConnectIp ?? realServer.Address.Ip;
        var port = checker.ConnectPort ?? realServer.Address.Port;
        IPEndPoint? local = null;
        if (checker.Bindto is not null || checker.BindPort is not null)
        {
            var any = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
            local = new IPEndPoint(checker.Bindto ?? any, checker.BindPort ?? 0);
        }
        return new ConnectionTarget(new IPEndPoint(ip, port), local, checker.ConnectTimeout);
    }

    public override string ToString() => Remote.ToString();
}
