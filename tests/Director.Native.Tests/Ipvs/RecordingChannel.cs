using Director.Native.Ipvs;

namespace Director.Native.Tests.Ipvs;

/// <summary>
/// A stand-in for the kernel's end of the IPVS socket: records every request, answers dumps from
/// <see cref="Reply"/> and fails commands whose number is in <see cref="FailWith"/>.
/// </summary>
public sealed class RecordingChannel : IGenericNetlinkChannel
{
    public List<byte[]> Sent { get; } = [];

    /// <summary>Errno by IPVS command number, raised once per entry.</summary>
    public Dictionary<byte, Queue<int>> FailWith { get; } = [];

    public Func<byte[], IReadOnlyList<ReadOnlyMemory<byte>>> Reply { get; set; } = _ => [];

    public IReadOnlyList<byte> Commands => Sent.Select(m => m[16]).ToList();

    public void Fail(byte command, int errno)
    {
        if (!FailWith.TryGetValue(command, out var queue)) FailWith[command] = queue = new Queue<int>();
        queue.Enqueue(errno);
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> Exchange(byte[] message, string operation)
    {
        Sent.Add(message);
        if (FailWith.TryGetValue(message[16], out var errors) && errors.TryDequeue(out var errno))
            throw new GenericNetlinkException(operation, errno);
        return Reply(message);
    }
}
