using System.Text;
using Director.Native.Interop;
using Tmds.Linux;

namespace Director.Native.Sockets;

internal static unsafe class RawSocketOptions
{
    public static void Set(int fd, int level, int name, byte[] value, string operation)
    {
        fixed (byte* v = value) Sys.Check(Sys.setsockopt(fd, level, name, v, (uint)value.Length), operation);
    }

    public static void BindToDevice(int fd, string interfaceName)
    {
        var name = Encoding.ASCII.GetBytes(interfaceName + "\0");
        Set(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, name, $"setsockopt(SO_BINDTODEVICE {interfaceName})");
    }

    public static int InterfaceIndex(string interfaceName)
    {
        var index = (int)Sys.if_nametoindex(interfaceName);
        if (index == 0) throw new KernelCallException($"if_nametoindex({interfaceName})", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        return index;
    }
}
