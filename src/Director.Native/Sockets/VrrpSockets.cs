namespace Director.Native.Sockets;

/// <summary>Opens the VRRP socket of the right family.</summary>
public static class VrrpSockets
{
    public static IVrrpSocket Open(string interfaceName, bool ipv6, string? netns = null, bool joinMulticast = true) =>
        ipv6
            ? VrrpSocketV6.Open(interfaceName, netns, joinMulticast)
            : VrrpSocketV4.Open(interfaceName, netns, joinMulticast);
}
