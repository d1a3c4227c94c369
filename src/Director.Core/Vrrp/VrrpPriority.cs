namespace Director.Core.Vrrp;

/// <summary>Effective priority from the base priority and the tracked objects' weights.</summary>
public static class VrrpPriority
{
    /// <summary>
    /// base + sum of weights, kept within 1..254 (keepalived never lets tracking make an
    /// instance the owner, nor reach 0, which means "stop"); an untouched owner stays 255.
    /// </summary>
    public static byte Effective(byte basePriority, int totalWeight)
    {
        if (totalWeight == 0)
            return basePriority;
        return (byte)Math.Clamp(basePriority + totalWeight, 1, VrrpWire.OwnerPriority - 1);
    }
}
