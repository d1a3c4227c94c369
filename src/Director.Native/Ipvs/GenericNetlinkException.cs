using System.Runtime.InteropServices;

namespace Director.Native.Ipvs;

/// <summary>A generic netlink request failed; <see cref="Errno"/> is the kernel's (positive) error number.</summary>
public sealed class GenericNetlinkException : IOException
{
    public const int Enoent = 2;
    public const int Esrch = 3;
    public const int Eexist = 17;

    public GenericNetlinkException(string operation, int errno, string? kernelMessage = null)
        : base(Describe(operation, errno, kernelMessage))
    {
        Operation = operation;
        Errno = errno;
        KernelMessage = kernelMessage;
    }

    public string Operation { get; }

    public int Errno { get; }

    public string? KernelMessage { get; }

    private static string Describe(string operation, int errno, string? kernelMessage)
    {
        var text = $"{operation} failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";
        return kernelMessage is null ? text : $"{text}: {kernelMessage}";
    }
}
