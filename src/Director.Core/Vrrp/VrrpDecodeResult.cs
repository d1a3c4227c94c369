namespace Director.Core.Vrrp;

/// <summary>Either a decoded packet or the reason it could not be decoded.</summary>
public sealed record VrrpDecodeResult(VrrpPacket? Packet, VrrpDropReason? DropReason)
{
    public bool Success => Packet is not null;

    public static VrrpDecodeResult Ok(VrrpPacket packet) => new(packet, null);

    public static VrrpDecodeResult Drop(VrrpDropReason reason) => new(null, reason);
}
