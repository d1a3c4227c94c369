using System.Text.RegularExpressions;
using Director.Core.Balancing;
using Director.Core.Vrrp.Firewall;

namespace Director.Native.Nftables;

/// <summary>
/// Director's VIP drop table (no_accept) through libnftables, on a thread and context of its own
/// (apart from the forwarding backend's), opened at the first write (native-io's clearing write
/// at start). Without libnftables, or without nftables in the kernel (nf_tables not loaded, as on
/// an IPVS host firewalled with iptables), there is nothing this daemon could have left to clear:
/// removing the table then succeeds as a no-op, and only blocking fails, saying why.
/// </summary>
public sealed partial class NftVipFirewall : IVipFirewall, IVerifiableVipFirewall, IDisposable
{
    private readonly VipFirewallOptions _options;
    private readonly NftSession _session;

    // The table as nft listed it right after the last write ("" for no table; null before any):
    // what DifferenceAsync compares the kernel's table with. Used on the session's thread only.
    private string? _installed;

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

    public NftTableRef Table => new("inet", _options.TableName);

    public async Task ApplyAsync(IReadOnlyCollection<BlockedVip> blocked, CancellationToken cancellationToken)
    {
        var commands = VipFirewallRuleset.Render(_options, blocked);
        try
        {
            await _session.InvokeAsync(context =>
            {
                _installed = null;
                context.Run(commands);
                _installed = blocked.Count == 0 ? "" : Normalize(List(context));
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (blocked.Count == 0 && e is DllNotFoundException or NftUnavailableException)
        {
        }
        catch (NftUnavailableException e)
        {
            throw new NftUnavailableException($"cannot block {blocked.Count} VIP(s) of instances without accept mode: {e.Message}", e);
        }
    }

    public Task<string?> DifferenceAsync(CancellationToken cancellationToken) =>
        _session.InvokeAsync(context =>
        {
            if (_installed is not { } installed) return null;
            var now = Normalize(List(context));
            if (now == installed) return null;
            if (now.Length == 0) return $"table {Table} missing";
            if (installed.Length == 0) return $"table {Table} present though nothing is blocked";
            var expected = installed.Split('\n');
            var found = now.Split('\n');
            var lost = expected.Except(found).ToList();
            var added = found.Except(expected).ToList();
            return $"table {Table} changed: {lost.Count} lines missing{(lost.Count > 0 ? $" (first: '{lost[0].Trim()}')" : "")}, {added.Count} lines added{(added.Count > 0 ? $" (first: '{added[0].Trim()}')" : "")}";
        }, cancellationToken);

    private string List(NftContext context)
    {
        try
        {
            return context.Run($"list table inet {_options.TableName}");
        }
        catch (NftCommandException)
        {
            return "";
        }
    }

    // Counters (nftables_counters) change with traffic: they are not part of the table's shape.
    private static string Normalize(string listing) => Counters().Replace(listing, "counter").Trim();

    [GeneratedRegex(@"counter packets \d+ bytes \d+")]
    private static partial Regex Counters();

    /// <summary>The table as nft lists it (empty when absent); for diagnostics and tests.</summary>
    public Task<string> ListAsync(CancellationToken cancellationToken) => _session.InvokeAsync(List, cancellationToken);

    public void Dispose() => _session.Dispose();
}
