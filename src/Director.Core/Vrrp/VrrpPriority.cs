namespace Director.Core.Vrrp;

/// <summary>Effective priority from the base priority and the tracked objects' weights.</summary>
public static class VrrpPriority
{
    /// <summary>
    /// base + sum of weights, kept within 1..254 (keepalived's vrrp_set_effective_priority: tracking
    /// never makes an instance the owner, nor reaches 0, which means "stop"); the owner (255)
    /// never changes.
    /// </summary>
    public static byte Effective(byte basePriority, int totalWeight)
    {
        if (basePriority == VrrpWire.OwnerPriority)
            return basePriority;
        return (byte)Math.Clamp(basePriority + totalWeight, 1, VrrpWire.OwnerPriority - 1);
    }
}
