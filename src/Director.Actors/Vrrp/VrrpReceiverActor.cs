using Akka.Actor;
using Akka.Event;
using Director.Native.Sockets;

namespace Director.Actors.Vrrp;

/// <summary>Registers an instance actor for adverts of its VRID on this receiver's socket.</summary>
public sealed record RegisterVrid(byte Vrid, IActorRef Instance);

/// <summary>Forgets a VRID when it still belongs to <see cref="Instance"/> (a reload removed or replaced the instance).</summary>
public sealed record UnregisterVrid(byte Vrid, IActorRef Instance);

public sealed record GetReceiverStatus
{
    public static readonly GetReceiverStatus Instance = new();
}

public sealed record ReceiverStatus(string Interface, long Received, long ForeignVrid, long Unreadable);

/// <summary>
/// Reads one raw VRRP socket and hands each datagram to the instance of its VRID (rx-eth0). The
/// socket belongs to the vrrp supervisor, so a restart of this actor never closes it.
/// </summary>
public sealed class VrrpReceiverActor : ReceiveActor
{
    private readonly IVrrpSocket _socket;
    private readonly Dictionary<byte, IActorRef> _instances = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _received;
    private long _foreign;
    private long _unreadable;

    public VrrpReceiverActor(IVrrpSocket socket, IReadOnlyDictionary<byte, IActorRef>? instances = null)
    {
        _socket = socket;
        foreach (var (vrid, instance) in instances ?? new Dictionary<byte, IActorRef>())
            _instances[vrid] = instance;

        Receive<RegisterVrid>(r => _instances[r.Vrid] = r.Instance);
        Receive<UnregisterVrid>(r =>
        {
            if (_instances.TryGetValue(r.Vrid, out var current) && current.Equals(r.Instance))
                _instances.Remove(r.Vrid);
        });
        Receive<ReceivedVrrpPacket>(OnPacket);
        Receive<Status.Failure>(f =>
        {
            if (_stop.IsCancellationRequested)
                return;
            // A receive error on a raw socket is transient (e.g. ENOBUFS); anything else restarts us.
            _log.Warning("rx-{Interface}: receive failed: {Error}", _socket.InterfaceName, f.Cause.Message);
            throw new IOException($"VRRP receive on {_socket.InterfaceName} failed", f.Cause);
        });
        Receive<GetReceiverStatus>(_ => Sender.Tell(new ReceiverStatus(_socket.InterfaceName, _received, _foreign, _unreadable)));
    }

    public static Props Props(IVrrpSocket socket, IReadOnlyDictionary<byte, IActorRef>? instances = null) =>
        Akka.Actor.Props.Create(() => new VrrpReceiverActor(socket, instances));

    protected override void PreStart() => ReceiveNext();

    protected override void PostStop() => _stop.Cancel();

    private void ReceiveNext() =>
        _socket.ReceiveAsync(_stop.Token).AsTask().PipeTo(Self);

    /// <summary>The datagram's array itself when it spans a whole array (the sockets' case), else a copy.</summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    private void OnPacket(ReceivedVrrpPacket packet)
    {
        _received++;
        if (packet.Payload.Length < 2)
            _unreadable++;
        else if (_instances.TryGetValue(packet.Payload.Span[1], out var instance))
            instance.Tell(new VrrpDatagram(WholeArray(packet.Datagram), packet.Source, packet.Destination, packet.HopLimit));
        else
            _foreign++;
        ReceiveNext();
    }
}
