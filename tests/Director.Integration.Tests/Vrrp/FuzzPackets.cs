using System.Net;
using Director.Core.Vrrp;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// Builds datagrams that a v2 PASS instance (VRID <see cref="Vrid"/>, password <see cref="Password"/>,
/// 1 s adverts, VIPs <see cref="Vips"/>) must drop, each for one known reason, plus random ones.
/// </summary>
public sealed class FuzzPackets(IPAddress source, IReadOnlyList<IPAddress> vips, Random random)
{
    public const byte Vrid = 51;
    public const string Password = "secret1";
    public static readonly IPAddress Group = IPAddress.Parse("224.0.0.18");
    public IReadOnlyList<IPAddress> Vips { get; } = vips;

    /// <summary>A category of mutation and the drop reason it must be counted under (null: dropped by the receiver as a foreign VRID).</summary>
    public sealed record Category(string Name, VrrpDropReason? Reason, Func<byte[]> Build);

    public IReadOnlyList<Category> Categories =>
    [
        new("truncated", VrrpDropReason.Truncated, () =>
        {
            var message = Message(Valid());
            return Datagram(message[..random.Next(2, message.Length)]);
        }),
        new("bad-checksum", VrrpDropReason.BadChecksum, () =>
        {
            var message = Message(Valid());
            message[6] ^= (byte)random.Next(1, 256);
            return Datagram(message);
        }),
        new("wrong-version", VrrpDropReason.WrongVersion, () => Datagram(Message(
            VrrpPacket.Advertisement(VrrpVersion.V3, Vrid, Priority(), Vips, TimeSpan.FromSeconds(1))))),
        new("ttl-below-255", VrrpDropReason.TtlNot255, () => Datagram(Message(Valid()), ttl: (byte)random.Next(1, 255))),
        new("foreign-vrid", null, () => Datagram(Message(
            VrrpPacket.Advertisement(VrrpVersion.V2, (byte)(Vrid + random.Next(1, 200)), Priority(), Vips, TimeSpan.FromSeconds(1), VrrpAuthType.Pass, Password)))),
        new("wrong-password", VrrpDropReason.PasswordMismatch, () => Datagram(Message(
            VrrpPacket.Advertisement(VrrpVersion.V2, Vrid, Priority(), Vips, TimeSpan.FromSeconds(1), VrrpAuthType.Pass, $"pw{random.Next(1000, 99999)}")))),
        new("address-list-differs", VrrpDropReason.AddressListMismatch, () => Datagram(Message(
            VrrpPacket.Advertisement(VrrpVersion.V2, Vrid, Priority(), [Vips[0], IPAddress.Parse($"192.0.2.{random.Next(1, 255)}")], TimeSpan.FromSeconds(1), VrrpAuthType.Pass, Password)))),
        new("address-count-differs", VrrpDropReason.AddressCountMismatch, () => Datagram(Message(
            VrrpPacket.Advertisement(VrrpVersion.V2, Vrid, Priority(), [Vips[0]], TimeSpan.FromSeconds(1), VrrpAuthType.Pass, Password)))),
        new("interval-differs", VrrpDropReason.AdvertIntervalMismatch, () => Datagram(Message(
            VrrpPacket.Advertisement(VrrpVersion.V2, Vrid, Priority(), Vips, TimeSpan.FromSeconds(random.Next(2, 200)), VrrpAuthType.Pass, Password)))),
    ];

    /// <summary>Random bytes after a valid IP header (length 0-80); the VRID byte is ours half of the time.</summary>
    public byte[] Random()
    {
        var message = new byte[random.Next(0, 81)];
        random.NextBytes(message);
        if (message.Length > 1 && random.Next(2) == 0) message[1] = Vrid;
        return Datagram(message);
    }

    // Always above ours would take over if it were accepted: any acceptance shows as a state change.
    private byte Priority() => (byte)random.Next(151, 255);

    private VrrpPacket Valid() =>
        VrrpPacket.Advertisement(VrrpVersion.V2, Vrid, Priority(), Vips, TimeSpan.FromSeconds(1), VrrpAuthType.Pass, Password);

    private byte[] Message(VrrpPacket packet) => VrrpPacketCodec.Encode(packet, source, Group);

    private byte[] Datagram(byte[] message, byte ttl = 255)
    {
        var datagram = new byte[Ipv4Header.MinimumLength + message.Length];
        var header = Ipv4Header.ForVrrp(source, Group, (ushort)random.Next(0, 65536), message.Length) with { Ttl = ttl };
        Ipv4HeaderCodec.Write(header, datagram);
        message.CopyTo(datagram, Ipv4Header.MinimumLength);
        return datagram;
    }
}
