namespace Director.Native.Ipvs;

/// <summary>Whether this kernel offers IPVS: the generic netlink family "IPVS" resolves.</summary>
public static class IpvsProbe
{
    /// <summary>
    /// True when the family resolves. False, without throwing, when it does not (no ip_vs in the
    /// kernel, module not loaded) or generic netlink itself is unusable; <paramref name="reason"/> says which.
    /// </summary>
    public static bool IsAvailable(out string reason)
    {
        try
        {
            using var socket = GenericNetlinkSocket.Open();
            var id = socket.ResolveFamily(IpvsNumbers.FamilyName);
            reason = id is { } found
                ? $"generic netlink family IPVS has id {found}"
                : "the kernel has no generic netlink family IPVS (ip_vs not built in or not loaded)";
            return id is not null;
        }
        catch (Exception e) when (e is GenericNetlinkException or TimeoutException or FormatException)
        {
            reason = $"generic netlink unusable: {e.Message}";
            return false;
        }
    }

    public static bool IsAvailable() => IsAvailable(out _);
}
