namespace Director.Native.Sockets;

/// <summary>RFC 1071 ones'-complement checksum, accumulated over several pieces.</summary>
public struct InternetChecksum
{
    private ulong _sum;
    private bool _odd;

    public void Add(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            _sum += _odd ? b : (ulong)b << 8;
            _odd = !_odd;
        }
    }

    public readonly ushort Result()
    {
        var sum = _sum;
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        var checksum = new InternetChecksum();
        checksum.Add(data);
        return checksum.Result();
    }
}
