using System.Net.Sockets;
using System.Text;

namespace Director.Actors.Tests.Checks.Servers;

/// <summary>An SMTP responder: greeting, HELO reply, QUIT reply, each configurable; records the HELO line.</summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly LoopbackTcpServer _server;
    private readonly List<string> _helos = new();

    public TestSmtpServer() => _server = new LoopbackTcpServer(ServeAsync);

    public string? Banner { get; set; } = "220 test ESMTP ready";

    public string HeloReply { get; set; } = "250 pleased to meet you";

    public int Port => _server.Port;

    public IReadOnlyList<string> Helos
    {
        get { lock (_helos) return _helos.ToArray(); }
    }

    private async Task ServeAsync(Socket client, CancellationToken stop)
    {
        if (Banner is null)
        {
            await Task.Delay(Timeout.Infinite, stop);
            return;
        }
        await SendLine(client, Banner, stop);
        var helo = await ReadLine(client, stop);
        lock (_helos) _helos.Add(helo);
        await SendLine(client, HeloReply, stop);
        var quit = await ReadLine(client, stop);
        if (quit.StartsWith("QUIT", StringComparison.Ordinal))
            await SendLine(client, "221 bye", stop);
    }

    private static Task SendLine(Socket client, string line, CancellationToken stop) =>
        client.SendAsync(Encoding.ASCII.GetBytes(line + "\r\n"), SocketFlags.None, stop).AsTask();

    private static async Task<string> ReadLine(Socket client, CancellationToken stop)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (line.Length < 1024)
        {
            if (await client.ReceiveAsync(one, SocketFlags.None, stop) == 0)
                break;
            if (one[0] == '\n')
                break;
            line.Append((char)one[0]);
        }
        return line.ToString().TrimEnd('\r');
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
