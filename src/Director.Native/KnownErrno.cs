namespace Director.Native;

/// <summary>Linux errno values callers commonly branch on (compare with <see cref="KernelCallException.Errno"/>).</summary>
public static class KnownErrno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENETDOWN = 100;
    public const int ENETUNREACH = 101;
    public const int EADDRNOTAVAIL = 99;
    public const int ENOBUFS = 105;
}
