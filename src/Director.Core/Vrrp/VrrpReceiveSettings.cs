using System.Net;
using System.Net.Sockets;
using Director.Core.Config.Model;

namespace Director.Core.Vrrp;

/// <summary>
/// What one instance expects of the adverts it receives.
/// <see cref="VirtualAddresses"/> are the instance's VIPs of its own family, in configuration order;
/// <see cref="OwnAddresses"/> are the addresses we send from (adverts from them are our own);
/// an empty <see cref="UnicastPeers"/> means multicast.
/// </summary>
public sealed record VrrpReceiveSettings(
    VrrpVersion Version,
    byte Vrid,
    AddressFamily Family,
    TimeSpan AdvertInterval,
    EquatableList<IPAddress> VirtualAddresses,
    EquatableList<IPAddress> OwnAddresses,
    VrrpAuthType AuthType = VrrpAuthType.None,
    string? Password = null,
    EquatableList<IPAddress>? UnicastPeers = null,
    bool CheckUnicastSource = false)
{
    public EquatableList<IPAddress> Peers => UnicastPeers ?? EquatableList<IPAddress>.Empty;

    public bool IsMulticast => Peers.Count == 0;

    /// <summary>The 8 bytes a PASS advert must carry.</summary>
    public EquatableList<byte> AuthData => VrrpPassword.ToAuthData(AuthType == VrrpAuthType.Pass ? Password : null);
}
