namespace Director.Native.Nftables;

/// <summary>libnftables refused a command batch; nothing of the batch was applied.</summary>
public sealed class NftCommandException(string message, string commands) : Exception(message)
{
    public string Commands { get; } = commands;
}
