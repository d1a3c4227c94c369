using System.Collections.Concurrent;
using System.Net;
using Director.Actors.Vrrp;
using Director.Core.Vrrp;

namespace Director.Actors.Tests.Vrrp;

/// <summary>Keeps every advert "sent", with where it went.</summary>
public sealed class RecordingVrrpSender : IVrrpSender
{
    public ConcurrentQueue<(VrrpPacket Packet, IPAddress Source, IPAddress Destination)> Sent { get; } = new();

    /// <summary>When set, the next send throws it (a crash of the instance actor).</summary>
    public Exception? FailNext { get; set; }

    public void Send(VrrpPacket packet, IPAddress source, IPAddress destination)
    {
        if (FailNext is { } failure)
        {
            FailNext = null;
            throw failure;
        }
        Sent.Enqueue((packet, source, destination));
    }

    public IReadOnlyList<byte> Priorities => Sent.Select(s => s.Packet.Priority).ToList();
}
