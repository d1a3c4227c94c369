using System.Runtime.InteropServices;

namespace Director.Native.Interop;

/// <summary>
/// The libc calls this layer makes. Declared here (not taken from Tmds.LibC) so errno is captured
/// by the marshaller (SetLastError) and read through <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static unsafe partial class Sys
{
    private const string Libc = "libc";

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int bind(int fd, void* addr, uint addrlen);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int getsockname(int fd, void* addr, uint* addrlen);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int setsockopt(int fd, int level, int optname, void* optval, uint optlen);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial nint sendto(int fd, void* buf, nuint len, int flags, void* addr, uint addrlen);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial nint recv(int fd, void* buf, nuint len, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial nint sendmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial nint recvmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int setns(int fd, int nstype);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial uint if_nametoindex(string name);

    internal const int MSG_DONTWAIT = 0x40;
    internal const int MSG_TRUNC = 0x20;
    internal const int MSG_PEEK = 0x2;
    internal const int CLONE_NEWNET = 0x40000000;
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;

    [StructLayout(LayoutKind.Sequential)]
    internal struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>Throws <see cref="KernelCallException"/> with the current errno when result is negative.</summary>
    internal static int Check(int result, string operation)
    {
        if (result < 0) throw new KernelCallException(operation, Marshal.GetLastPInvokeError());
        return result;
    }

    internal static nint Check(nint result, string operation)
    {
        if (result < 0) throw new KernelCallException(operation, Marshal.GetLastPInvokeError());
        return result;
    }

    internal static void SetIntOption(int fd, int level, int name, int value, string operation)
    {
        Check(setsockopt(fd, level, name, &value, sizeof(int)), operation);
    }
}
