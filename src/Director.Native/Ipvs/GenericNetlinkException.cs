namespace Director.Native.Ipvs;

/// <summary>A generic netlink request failed; <see cref="KernelCallException.Errno"/> is the kernel's (positive) error number.</summary>
public sealed class GenericNetlinkException(string operation, int errno, string? kernelMessage = null)
    : KernelCallException(operation, errno, kernelMessage)
{
    public const int Enoent = 2;
    public const int Esrch = 3;
    public const int Eexist = 17;
}
