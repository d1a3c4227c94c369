using System.Net;

namespace Director.Core.Vrrp;

/// <summary>Orders addresses as unsigned big-endian numbers: the equal-priority tie-break of RFC 5798.</summary>
public static class VrrpAddressOrder
{
    public static int Compare(IPAddress left, IPAddress right)
    {
        if (left.AddressFamily != right.AddressFamily)
            return left.AddressFamily.CompareTo(right.AddressFamily);
        return left.GetAddressBytes().AsSpan().SequenceCompareTo(right.GetAddressBytes());
    }
}
