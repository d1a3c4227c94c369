using System.Text;
using Director.Actors.State;

namespace Director.Host.Daemon;

/// <summary>
/// The SIGUSR2 dump in keepalived's layout (vrrp_print_stats), so tools that read
/// /tmp/keepalived.stats read ours. director's drop reasons are folded into keepalived's
/// categories; the ones keepalived has no line for follow under "Other Errors". keepalived's
/// "Priority Zero" counters are not kept by director and are left out rather than shown as 0.
/// </summary>
public static class KeepalivedStatsText
{
    private static readonly (string Section, (string Line, string[] Reasons)[] Lines)[] Categories =
    [
        ("Packet Errors",
        [
            ("Length", ["Truncated", "LengthMismatch", "IpTotalLengthMismatch"]),
            ("TTL", ["TtlNot255"]),
            ("Invalid Type", ["WrongType"]),
            ("Advertisement Interval", ["AdvertIntervalMismatch"]),
            ("Address List", ["AddressCountMismatch", "AddressListMismatch"]),
        ]),
        ("Authentication Errors",
        [
            ("Invalid Type", ["InvalidAuthType"]),
            ("Type Mismatch", ["AuthTypeMismatch", "AhMismatch"]),
            ("Failure", ["PasswordMismatch"]),
        ]),
    ];

    private static readonly HashSet<string> Folded = Categories.SelectMany(c => c.Lines).SelectMany(l => l.Reasons).ToHashSet(StringComparer.Ordinal);

    public static string Format(IReadOnlyList<VrrpInstanceView> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var text = new StringBuilder();
        foreach (var i in instances)
        {
            text.Append("VRRP Instance: ").Append(i.Name).Append('\n');
            text.Append("  Advertisements:\n");
            text.Append("    Received: ").Append(i.AdvertsReceived).Append('\n');
            text.Append("    Sent: ").Append(i.AdvertsSent).Append('\n');
            text.Append("  Became master: ").Append(i.BecameMaster).Append('\n');
            text.Append("  Released master: ").Append(i.ReleasedMaster).Append('\n');
            foreach (var (section, lines) in Categories)
            {
                text.Append("  ").Append(section).Append(":\n");
                foreach (var (line, reasons) in lines)
                    text.Append("    ").Append(line).Append(": ").Append(reasons.Sum(r => i.Drops.GetValueOrDefault(r))).Append('\n');
            }
            var others = i.Drops.Where(d => !Folded.Contains(d.Key) && d.Value > 0).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
            if (others.Count > 0)
            {
                text.Append("  Other Errors:\n");
                foreach (var (reason, count) in others)
                    text.Append("    ").Append(reason).Append(": ").Append(count).Append('\n');
            }
        }
        return text.ToString();
    }
}
