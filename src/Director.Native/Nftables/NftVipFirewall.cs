using Director.Core.Vrrp.Firewall;

namespace Director.Native.Nftables;

/// <summary>
/// Director's VIP drop table (no_accept) through libnftables, on a thread and context of its own
/// (apart from the forwarding backend's), opened at the first write (native-io's clearing write
/// at start). Without libnftables there is nothing this daemon could have left to clear: removing
/// the table then succeeds as a no-op, and only blocking fails.
/// </summary>
public sealed class NftVipFirewall : IVipFirewall, IDisposable
{
    private readonly VipFirewallOptions _options;
    private readonly NamespaceThread _thread;
    private NftContext? _context;
    private bool _disposed;

    /// <param name="networkNamespace">A name under /run/netns to act in; null: the daemon's own.</param>
    public NftVipFirewall(VipFirewallOptions options, string? networkNamespace = null)
    {
        if (!VipFirewallOptions.IsValidTableName(options.TableName))
            throw new ArgumentException($"'{options.TableName}' is not a usable nftables table name", nameof(options));
        _options = options;
        _thread = new NamespaceThread("vip-firewall", networkNamespace);
    }

    public VipFirewallOptions Options => _options;

    public Task ApplyAsync(IReadOnlyCollection<BlockedVip> blocked, CancellationToken cancellationToken)
    {
        var commands = VipFirewallRuleset.Render(_options, blocked);
        return _thread.InvokeAsync(() =>
        {
            try
            {
                _context ??= new NftContext();
            }
            catch (DllNotFoundException) when (blocked.Count == 0)
            {
                return true;
            }
            _context.Run(commands);
            return true;
        }, cancellationToken);
    }

    /// <summary>The table as nft lists it (empty when absent); for diagnostics and tests.</summary>
    public Task<string> ListAsync(CancellationToken cancellationToken) =>
        _thread.InvokeAsync(() =>
        {
            _context ??= new NftContext();
            try
            {
                return _context.Run($"list table inet {_options.TableName}");
            }
            catch (NftCommandException)
            {
                return "";
            }
        }, cancellationToken);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _thread.InvokeAsync(() =>
        {
            _context?.Dispose();
            return true;
        }, CancellationToken.None).Wait(TimeSpan.FromSeconds(5));
        _thread.Dispose();
    }
}
