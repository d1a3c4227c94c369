using System.Net;

namespace Director.Core.Vrrp;

/// <summary>An advert that passed every receive check, with where it came from.</summary>
public sealed record VrrpReceivedAdvert(VrrpPacket Packet, IPAddress Source, IPAddress Destination, int? TtlOrHopLimit);

/// <summary>Either an accepted advert or why it was dropped.</summary>
public sealed record VrrpReceiveResult(VrrpReceivedAdvert? Advert, VrrpDropReason? DropReason)
{
    public bool Accepted => Advert is not null;

    public static VrrpReceiveResult Accept(VrrpReceivedAdvert advert) => new(advert, null);

    public static VrrpReceiveResult Drop(VrrpDropReason reason) => new(null, reason);
}
