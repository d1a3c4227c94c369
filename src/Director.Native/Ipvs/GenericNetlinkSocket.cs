using System.Buffers.Binary;
using Director.Native.Netlink;

namespace Director.Native.Ipvs;

/// <summary>
/// A NETLINK_GENERIC <see cref="NetlinkSocket"/> behind <see cref="IGenericNetlinkChannel"/>: replies
/// come back whole (headers included) and every failure, the kernel's or a syscall's, is a
/// <see cref="GenericNetlinkException"/>.
/// </summary>
public sealed class GenericNetlinkSocket : IGenericNetlinkChannel, IDisposable
{
    private const int MaxFamilyNameLength = 15; // GENL_NAMSIZ less the NUL

    private readonly NetlinkSocket _socket;

    private GenericNetlinkSocket(NetlinkSocket socket) => _socket = socket;

    /// <summary>Opens and binds a generic netlink socket; throws <see cref="GenericNetlinkException"/> when the kernel refuses.</summary>
    public static GenericNetlinkSocket Open() =>
        new(NetlinkSocket.Open(Nl.NETLINK_GENERIC, netns: null, (operation, errno, text) => new GenericNetlinkException(operation, errno, text)));

    /// <summary>Resolves a generic netlink family name to its id; null when the kernel has no such family.</summary>
    public ushort? ResolveFamily(string name)
    {
        if (name.Length is 0 or > MaxFamilyNameLength)
            throw new ArgumentException($"generic netlink family names have 1..{MaxFamilyNameLength} characters", nameof(name));
        try
        {
            var replies = Exchange(GenericNetlinkControl.GetFamily(name), $"resolve generic netlink family {name}");
            return replies.Count == 0 ? null : GenericNetlinkControl.DecodeFamilyId(replies[0]);
        }
        catch (GenericNetlinkException e) when (e.Errno == GenericNetlinkException.Enoent)
        {
            return null;
        }
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> Exchange(byte[] message, string operation)
    {
        var dump = (BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(6)) & Nl.NLM_F_DUMP) != 0;
        var replies = dump ? _socket.Dump(message, operation) : _socket.Query(message, operation);
        return replies.Select(reply => reply.Bytes).ToList();
    }

    public void Dispose() => _socket.Dispose();
}
