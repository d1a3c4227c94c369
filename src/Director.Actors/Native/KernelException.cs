namespace Director.Actors.Native;

/// <summary>A kernel operation failed with <see cref="Errno"/> (a positive errno value).</summary>
public sealed class KernelException : Exception
{
    public int Errno { get; }

    public KernelException(int errno, string message)
        : base(message) => Errno = errno;

    public KernelException(int errno, string message, Exception inner)
        : base(message, inner) => Errno = errno;

    public KernelException()
        : this(0, "kernel operation failed")
    {
    }

    public KernelException(string message)
        : this(0, message)
    {
    }

    public KernelException(string message, Exception inner)
        : this(0, message, inner)
    {
    }
}

/// <summary>Linux errno values the native-io actor interprets.</summary>
public static class Errno
{
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EADDRNOTAVAIL = 99;
}
