using System.Buffers.Binary;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// tcpdump -w on one interface of a lab namespace (the lab kills it at dispose if a test fails
/// first); <see cref="Stop"/> ends it with SIGINT and returns the Ethernet frames it wrote.
/// </summary>
public sealed class PcapCapture
{
    private readonly LabProcess _process;
    private readonly string _file;

    private PcapCapture(LabProcess process, string file)
    {
        _process = process;
        _file = file;
    }

    /// <summary>Starts tcpdump (-U: each packet written at once; -Z root: no privilege drop, the file is root's) and waits until it listens.</summary>
    public static PcapCapture Start(LabNamespace ns, string interfaceName, string file, string filter)
    {
        var tcpdump = Command.Find("tcpdump") ?? throw new InvalidOperationException("tcpdump is not installed (Debian package tcpdump)");
        var process = ns.Start(tcpdump, "-i", interfaceName, "-n", "-U", "-Z", "root", "-s", "256", "-w", file, filter);
        if (!Poll.Until(() => process.Stderr.Contains("listening on", StringComparison.Ordinal) || process.HasExited, TimeSpan.FromSeconds(15)) || process.HasExited)
            throw new InvalidOperationException($"tcpdump did not start: {process.Stderr}");
        return new PcapCapture(process, file);
    }

    public IReadOnlyList<byte[]> Stop()
    {
        _process.Signal(2);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"tcpdump did not stop: {_process.Stderr}");
        return ReadFrames(File.ReadAllBytes(_file));
    }

    /// <summary>The frames of a classic pcap file (either byte order, microsecond or nanosecond stamps).</summary>
    public static IReadOnlyList<byte[]> ReadFrames(byte[] pcap)
    {
        if (pcap.Length < 24) throw new InvalidDataException("no pcap header");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(pcap);
        var little = magic is 0xa1b2c3d4 or 0xa1b23c4d;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(pcap) is not (0xa1b2c3d4 or 0xa1b23c4d))
            throw new InvalidDataException($"not a pcap file (magic {magic:x8})");
        uint Read(int offset) => little ? BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(pcap.AsSpan(offset));
        if (Read(20) != 1) throw new InvalidDataException($"link type {Read(20)}, expected Ethernet (1)");
        var frames = new List<byte[]>();
        var position = 24;
        while (position + 16 <= pcap.Length && frames.Count < 100_000)
        {
            var length = (int)Read(position + 8);
            position += 16;
            if (length < 0 || position + length > pcap.Length) break;
            frames.Add(pcap.AsSpan(position, length).ToArray());
            position += length;
        }
        return frames;
    }
}
