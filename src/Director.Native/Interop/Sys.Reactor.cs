using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Director.Native.Interop;

/// <summary>The calls of <see cref="Sockets.CheckReactor"/>: non-blocking connect, epoll, an eventfd to wake it.</summary>
internal static unsafe partial class Sys
{
    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int connect(int fd, void* addr, uint addrlen);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int getsockopt(int fd, int level, int optname, void* optval, uint* optlen);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int epoll_create1(int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int epoll_ctl(int epfd, int op, int fd, epoll_event* ev);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int epoll_wait(int epfd, epoll_event* events, int maxevents, int timeout);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int eventfd(uint initval, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int poll(PollFd* fds, nuint nfds, int timeout);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial nint read(int fd, void* buf, nuint count);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial nint write(int fd, void* buf, nuint count);

    internal const int EINPROGRESS = 115;
    internal const int EALREADY = 114;
    internal const int EISCONN = 106;
    internal const short POLLIN = 1;

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
