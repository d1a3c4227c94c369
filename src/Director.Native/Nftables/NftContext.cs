using System.Runtime.InteropServices;

namespace Director.Native.Nftables;

/// <summary>
/// One libnftables context with buffered output and error. Not thread-safe: libnftables wants one
/// context per thread, and the context acts in the network namespace of the thread that runs it.
/// </summary>
public sealed class NftContext : IDisposable
{
    private nint _handle;

    public NftContext()
    {
        _handle = LibNftables.nft_ctx_new(0);
        if (_handle == 0) throw new InvalidOperationException("nft_ctx_new failed");
        LibNftables.nft_ctx_buffer_output(_handle);
        LibNftables.nft_ctx_buffer_error(_handle);
    }

    /// <summary>Runs a command batch as one transaction and returns its output.</summary>
    /// <exception cref="NftCommandException">The batch failed; the kernel is unchanged.</exception>
    /// <param name="terse">Listings leave set elements out.</param>
    public string Run(string commands, bool json = false, bool terse = false)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        var flags = LibNftables.nft_ctx_output_get_flags(_handle) & ~(LibNftables.OutputJson | LibNftables.OutputTerse);
        if (json) flags |= LibNftables.OutputJson;
        if (terse) flags |= LibNftables.OutputTerse;
        LibNftables.nft_ctx_output_set_flags(_handle, flags);
        var rc = LibNftables.nft_run_cmd_from_buffer(_handle, commands);
        var output = Marshal.PtrToStringUTF8(LibNftables.nft_ctx_get_output_buffer(_handle)) ?? "";
        var error = Marshal.PtrToStringUTF8(LibNftables.nft_ctx_get_error_buffer(_handle)) ?? "";
        if (rc != 0) throw new NftCommandException($"nft: {error.Trim()}", commands);
        return output;
    }

    public void Dispose()
    {
        if (_handle == 0) return;
        LibNftables.nft_ctx_free(_handle);
        _handle = 0;
    }
}
