using System.Runtime.InteropServices;

namespace Director.Native.Ipvs;

/// <summary>The libc calls the generic netlink socket makes, with errno captured by the marshaller.</summary>
internal static unsafe partial class GenericNetlinkSyscalls
{
    private const string Libc = "libc";

    public const int AfNetlink = 16;
    public const int NetlinkGeneric = 16;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int SolSocket = 1;
    public const int SoRcvtimeo = 20;
    public const int SolNetlink = 270;
    public const int NetlinkExtAck = 11;
    public const int Eintr = 4;
    public const int Eagain = 11;

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int bind(int fd, void* addr, uint addrlen);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int optname, void* optval, uint optlen);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial nint sendto(int fd, void* buf, nuint len, int flags, void* addr, uint addrlen);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial nint recv(int fd, void* buf, nuint len, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int close(int fd);

    public static int LastError => Marshal.GetLastPInvokeError();
}
