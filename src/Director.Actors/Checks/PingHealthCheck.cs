using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Director.Core.Checks;

namespace Director.Actors.Checks;

/// <summary>
/// PING_CHECK: one ICMP (or ICMPv6) echo request, success when an echo reply arrives within
/// connect_timeout. Uses an unprivileged ICMP datagram socket when net.ipv4.ping_group_range
/// allows it (as keepalived), otherwise a raw socket (root).
/// </summary>
public sealed class PingHealthCheck : IHealthCheck
{
    private readonly ConnectionTarget _target;
    private readonly TimeProvider _time;
    private readonly Random _random;

    public PingHealthCheck(ConnectionTarget target, TimeProvider time, Random random)
    {
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _random = random ?? throw new ArgumentNullException(nameof(random));
    }

    public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var failure = await EchoAsync(cancellationToken).ConfigureAwait(false);
        var latency = _time.GetElapsedTime(started);
        return failure is null
            ? CheckOutcome.Success($"echo reply from {_target.Remote.Address}", latency)
            : CheckOutcome.Failure($"ping {_target.Remote.Address}: {failure}", latency);
    }

    private async Task<string?> EchoAsync(CancellationToken cancellationToken)
    {
        var v6 = _target.Remote.AddressFamily == AddressFamily.InterNetworkV6;
        var protocol = v6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
        Socket socket;
        bool raw;
        try
        {
            (socket, raw) = Open(v6, protocol);
        }
        catch (SocketException e)
        {
            return $"cannot open an ICMP socket ({e.SocketErrorCode}): needs root or net.ipv4.ping_group_range";
        }
        using var owned = socket;
        var id = (ushort)_random.Next(0, 0x10000);
        var seq = (ushort)_random.Next(0, 0x10000);
        var request = BuildEcho(v6, id, seq);
        var remote = new IPEndPoint(_target.Remote.Address, 0);
        using var deadline = Deadline.Start(_target.Timeout, _time, cancellationToken);
        var buffer = new byte[2048];
        try
        {
            await socket.SendToAsync(request, SocketFlags.None, remote, deadline.Token).ConfigureAwait(false);
            for (var n = 0; n < 1000; n++)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, SocketFactory.AnyFor(remote.AddressFamily), deadline.Token).ConfigureAwait(false);
                if (!((IPEndPoint)received.RemoteEndPoint).Address.Equals(remote.Address))
                    continue;
                var icmp = buffer.AsSpan(0, received.ReceivedBytes);
                if (raw && !v6)
                {
                    if (icmp.Length < 20)
                        continue;
                    icmp = icmp[((icmp[0] & 0x0F) * 4)..];
                }
                if (IsEchoReply(icmp, v6, raw, id, seq))
                    return null;
            }
            return "too many unrelated ICMP messages";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (SocketException e)
        {
            return $"socket error {e.SocketErrorCode}";
        }
    }

    private (Socket Socket, bool Raw) Open(bool v6, ProtocolType protocol)
    {
        var family = v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        Socket socket;
        bool raw;
        try
        {
            socket = new Socket(family, SocketType.Dgram, protocol);
            raw = false;
        }
        catch (SocketException)
        {
            socket = new Socket(family, SocketType.Raw, protocol);
            raw = true;
        }
        try
        {
            if (_target.Local is { } local)
                socket.Bind(new IPEndPoint(local.Address, 0));
            return (socket, raw);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>An echo request: type 8 (ICMPv6: 128), id, sequence, 16 bytes of payload, checksum (the kernel computes ICMPv6's).</summary>
    internal static byte[] BuildEcho(bool v6, ushort id, ushort seq)
    {
        var packet = new byte[8 + 16];
        packet[0] = v6 ? (byte)128 : (byte)8;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), seq);
        for (var i = 8; i < packet.Length; i++)
            packet[i] = (byte)i;
        if (!v6)
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        return packet;
    }

    /// <summary>An echo reply to our request; a datagram ICMP socket has its id rewritten by the kernel, so only raw sockets compare it.</summary>
    internal static bool IsEchoReply(ReadOnlySpan<byte> icmp, bool v6, bool raw, ushort id, ushort seq)
    {
        if (icmp.Length < 8 || icmp[0] != (v6 ? 129 : 0))
            return false;
        if (BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]) != seq)
            return false;
        return !raw || BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]) == id;
    }

    internal static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if ((data.Length & 1) == 1)
            sum += (uint)data[^1] << 8;
        while (sum >> 16 != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
