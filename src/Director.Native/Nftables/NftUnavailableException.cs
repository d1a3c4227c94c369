namespace Director.Native.Nftables;

/// <summary>libnftables was not called because the kernel has no nftables netlink to talk to.</summary>
public sealed class NftUnavailableException : InvalidOperationException
{
    public NftUnavailableException(string message)
        : base(message)
    {
    }

    public NftUnavailableException()
    {
    }

    public NftUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
