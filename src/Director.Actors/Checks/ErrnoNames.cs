using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Director.Actors.Checks;

/// <summary>Names an errno of a raw socket as the Socket-based checks name their errors (SocketError), plus the kernel's text.</summary>
internal static class ErrnoNames
{
    public static string Describe(int errno)
    {
        var name = errno switch
        {
            13 => SocketError.AccessDenied.ToString(),
            98 => SocketError.AddressAlreadyInUse.ToString(),
            99 => SocketError.AddressNotAvailable.ToString(),
            101 => SocketError.NetworkUnreachable.ToString(),
            104 => SocketError.ConnectionReset.ToString(),
            110 => SocketError.TimedOut.ToString(),
            111 => SocketError.ConnectionRefused.ToString(),
            113 => SocketError.HostUnreachable.ToString(),
            _ => $"errno {errno}",
        };
        return $"{name} ({Marshal.GetPInvokeErrorMessage(errno)})";
    }
}
