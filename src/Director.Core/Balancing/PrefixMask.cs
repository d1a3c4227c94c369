using System.Net;

namespace Director.Core.Balancing;

/// <summary>Netmasks from prefix lengths (persistence granularity).</summary>
public static class PrefixMask
{
    public static IPAddress Of(IpFamily family, int prefix)
    {
        var bytes = new byte[family == IpFamily.V6 ? 16 : 4];
        if (prefix < 0 || prefix > bytes.Length * 8) throw new ArgumentOutOfRangeException(nameof(prefix), prefix, "prefix length out of range");
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)(0xff00 >> Math.Clamp(prefix - (i * 8), 0, 8));
        return new IPAddress(bytes);
    }
}
