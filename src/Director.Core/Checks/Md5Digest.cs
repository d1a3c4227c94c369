using System.Security.Cryptography;

namespace Director.Core.Checks;

/// <summary>MD5 digests as keepalived writes them in <c>digest</c>: 32 lower-case hex digits.</summary>
public static class Md5Digest
{
    public static string Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(MD5.HashData(data));

    public static string Hex(IncrementalHash md5)
    {
        ArgumentNullException.ThrowIfNull(md5);
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    /// <summary>Case-insensitive comparison of two hex digests.</summary>
    public static bool Matches(string expectedHex, string actualHex) =>
        string.Equals(expectedHex?.Trim(), actualHex?.Trim(), StringComparison.OrdinalIgnoreCase);
}
