using Director.Core.Vrrp.Firewall;

namespace Director.Native.Nftables;

/// <summary>
/// Director's VIP drop table (no_accept) through libnftables, on a thread and context of its own
/// (apart from the forwarding backend's), opened at the first write (native-io's clearing write
/// at start). Without libnftables, or without nftables in the kernel (nf_tables not loaded, as on
/// an IPVS host firewalled with iptables), there is nothing this daemon could have left to clear:
/// removing the table then succeeds as a no-op, and only blocking fails, saying why.
/// </summary>
public sealed class NftVipFirewall : IVipFirewall, IDisposable
{
    private readonly VipFirewallOptions _options;
    private readonly NftSession _session;

    /// <param name="networkNamespace">A name under /run/netns to act in; null: the daemon's own.</param>
    public NftVipFirewall(VipFirewallOptions options, string? networkNamespace = null)
        : this(options, new NftSession("vip-firewall", networkNamespace))
    {
    }

    internal NftVipFirewall(VipFirewallOptions options, NftSession session)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!VipFirewallOptions.IsValidTableName(options.TableName))
            throw new ArgumentException($"'{options.TableName}' is not a usable nftables table name", nameof(options));
        _options = options;
        _session = session;
    }

    public VipFirewallOptions Options => _options;

    public async Task ApplyAsync(IReadOnlyCollection<BlockedVip> blocked, CancellationToken cancellationToken)
    {
        var commands = VipFirewallRuleset.Render(_options, blocked);
        try
        {
            await _session.InvokeAsync(context => context.Run(commands), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (blocked.Count == 0 && e is DllNotFoundException or NftUnavailableException)
        {
        }
        catch (NftUnavailableException e)
        {
            throw new NftUnavailableException($"cannot block {blocked.Count} VIP(s) of instances without accept mode: {e.Message}", e);
        }
    }

    /// <summary>The table as nft lists it (empty when absent); for diagnostics and tests.</summary>
    public Task<string> ListAsync(CancellationToken cancellationToken) =>
        _session.InvokeAsync(context =>
        {
            try
            {
                return context.Run($"list table inet {_options.TableName}");
            }
            catch (NftCommandException)
            {
                return "";
            }
        }, cancellationToken);

    public void Dispose() => _session.Dispose();
}
