using System.Runtime.InteropServices;

namespace Director.Native.Nftables;

/// <summary>The few libnftables.so.1 entry points the backend needs (Debian package libnftables1).</summary>
internal static partial class LibNftables
{
    private const string Library = "libnftables.so.1";

    public const uint OutputJson = 1 << 4;

    /// <summary>NFT_CTX_OUTPUT_TERSE: listings without set elements (nor fetching them).</summary>
    public const uint OutputTerse = 1 << 11;

    [LibraryImport(Library)]
    public static partial nint nft_ctx_new(uint flags);

    [LibraryImport(Library)]
    public static partial void nft_ctx_free(nint ctx);

    [LibraryImport(Library)]
    public static partial int nft_ctx_buffer_output(nint ctx);

    [LibraryImport(Library)]
    public static partial int nft_ctx_buffer_error(nint ctx);

    [LibraryImport(Library)]
    public static partial nint nft_ctx_get_output_buffer(nint ctx);

    [LibraryImport(Library)]
    public static partial nint nft_ctx_get_error_buffer(nint ctx);

    [LibraryImport(Library)]
    public static partial uint nft_ctx_output_get_flags(nint ctx);

    [LibraryImport(Library)]
    public static partial void nft_ctx_output_set_flags(nint ctx, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int nft_run_cmd_from_buffer(nint ctx, string buffer);
}
