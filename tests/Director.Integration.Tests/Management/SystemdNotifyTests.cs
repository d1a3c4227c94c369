using System.Net.Sockets;
using System.Text;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Management;

[Collection(NetnsCollection.Name)]
public sealed class SystemdNotifyTests
{
    /// <summary>
    /// Microsoft.Extensions.Hosting.Systemd notifies only under systemd: when the parent is
    /// systemd, or when the process is PID 1 with NOTIFY_SOCKET set (a container). The test uses
    /// the second: director runs as PID 1 of a new PID namespace (unshare) with NOTIFY_SOCKET
    /// pointing at a datagram socket the test reads, as systemd's Type=notify would.
    /// </summary>
    [Fact]
    public void Ready_is_sent_once_the_vrrp_side_is_up()
    {
        using var lab = new DirectorLab();
        var ns = lab.AddNamespaces(1)[0];
        var socketPath = lab.FilePath("notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        notify.ReceiveTimeout = 2000;

        var director = lab.StartDirector(ns, 0, priority: 150, "director.node-name = notified",
            "unshare", "--pid", "--fork", "--kill-child", "env", $"NOTIFY_SOCKET={socketPath}");

        var messages = new StringBuilder();
        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!messages.ToString().Contains("READY=1") && DateTime.UtcNow < deadline && !director.HasExited)
        {
            try
            {
                messages.Append(Encoding.UTF8.GetString(buffer, 0, notify.Receive(buffer))).Append('\n');
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut || e.SocketErrorCode == SocketError.WouldBlock)
            {
                // keep waiting until the deadline
            }
        }
        Assert.True(messages.ToString().Contains("READY=1"), $"no READY=1; got '{messages}'\n{director.Stdout}\n{director.Stderr}");

        // By READY=1 the VRRP side runs: its instance is there and the endpoint answers.
        var status = new ManagementClient(ns).GetJson("/status").GetProperty("directors")[0].GetProperty("state");
        Assert.True(status.GetProperty("vrrpRunning").GetBoolean());
        Assert.Equal("VI_1", status.GetProperty("vrrpInstances")[0].GetProperty("name").GetString());
    }
}
