using System.Net;
using System.Net.Sockets;

namespace Director.Actors.Vrrp;

/// <summary>What the VRRP side needs to know about the host's interfaces when it starts.</summary>
public interface IInterfaceDirectory
{
    bool Exists(string interfaceName);

    /// <summary>The address adverts come from by default: the interface's first address of the family (IPv6: link-local).</summary>
    IPAddress? PrimaryAddress(string interfaceName, AddressFamily family);
}
