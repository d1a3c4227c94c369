namespace Director.Native.Namespaces;

/// <summary>
/// Reads and writes /proc/sys values of a network namespace (the file is opened on a thread that
/// entered it), e.g. "net/ipv4/conf/vrrp.51/arp_ignore" for a VMAC interface.
/// </summary>
public static class Sysctl
{
    public static string Read(string path, string? netns = null) =>
        NetworkNamespace.Run(netns, () => File.ReadAllText(FullPath(path)).Trim());

    public static void Write(string path, string value, string? netns = null) =>
        NetworkNamespace.Run(netns, () => File.WriteAllText(FullPath(path), value));

    private static string FullPath(string path)
    {
        // Slash form only: interface names may contain dots (vrrp.51).
        if (path.Split('/').Any(part => part is "" or "." or ".."))
            throw new ArgumentException($"invalid sysctl path '{path}' (expected e.g. net/ipv4/conf/eth0/arp_ignore)", nameof(path));
        return Path.Combine("/proc/sys", path);
    }
}
