using System.Text;
using Director.Core.Config.Model;

namespace Director.Core.Vrrp;

/// <summary>PASS authentication data: the password's bytes, zero padded or truncated to 8.</summary>
public static class VrrpPassword
{
    public static EquatableList<byte> ToAuthData(string? password)
    {
        var bytes = new byte[VrrpWire.AuthDataLength];
        if (!string.IsNullOrEmpty(password))
        {
            var raw = Encoding.UTF8.GetBytes(password);
            raw.AsSpan(0, Math.Min(raw.Length, bytes.Length)).CopyTo(bytes);
        }
        return new EquatableList<byte>(bytes);
    }
}
