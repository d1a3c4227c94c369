using System.Net.Sockets;

namespace Director.Native.Sockets;

/// <summary>
/// A raw socket bound to one interface: the file descriptor for sendto/sendmsg/recvmsg, a
/// <see cref="System.Net.Sockets.Socket"/> over it for asynchronous receives, and one receive buffer.
/// </summary>
public abstract class InterfaceSocket : IDisposable
{
    protected InterfaceSocket(int fd, string interfaceName, int interfaceIndex)
    {
        Fd = fd;
        Socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        InterfaceName = interfaceName;
        InterfaceIndex = interfaceIndex;
    }

    public string InterfaceName { get; }

    public int InterfaceIndex { get; }

    protected int Fd { get; }

    protected Socket Socket { get; }

    protected byte[] Buffer { get; } = new byte[65536];

    public void Dispose()
    {
        Socket.Dispose();
        GC.SuppressFinalize(this);
    }
}
