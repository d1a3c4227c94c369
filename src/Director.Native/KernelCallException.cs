using System.Runtime.InteropServices;

namespace Director.Native;

/// <summary>A system call or a netlink request failed; <see cref="Errno"/> is the kernel's error number.</summary>
public class KernelCallException : IOException
{
    public KernelCallException(string operation, int errno, string? kernelMessage = null)
        : base(Describe(operation, errno, kernelMessage))
    {
        Operation = operation;
        Errno = errno;
        KernelMessage = kernelMessage;
    }

    public string Operation { get; }

    /// <summary>Positive errno value (e.g. 17 for EEXIST).</summary>
    public int Errno { get; }

    /// <summary>Extended-ACK text from netlink, when the kernel gave one.</summary>
    public string? KernelMessage { get; }

    private static string Describe(string operation, int errno, string? kernelMessage)
    {
        var text = $"{operation} failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";
        return kernelMessage is null ? text : $"{text}: {kernelMessage}";
    }
}
