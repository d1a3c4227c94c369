namespace Director.Native.Ipvs;

/// <summary>
/// Sends one generic netlink request and returns the kernel's reply messages: none for a plain
/// ACK, every part for an NLM_F_DUMP request. Kernel errors surface as <see cref="GenericNetlinkException"/>.
/// The seam between the IPVS client and the socket (tests substitute a recorder).
/// </summary>
public interface IGenericNetlinkChannel
{
    IReadOnlyList<ReadOnlyMemory<byte>> Exchange(byte[] message, string operation);
}
