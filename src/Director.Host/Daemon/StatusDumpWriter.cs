using System.Text.Json;
using System.Text.Json.Serialization;
using Director.Actors.Vrrp;

namespace Director.Host.Daemon;

/// <summary>One instance as written to the status dump.</summary>
public sealed record StatusDumpInstance(
    string Name,
    string Interface,
    string State,
    int EffectivePriority,
    int BasePriority,
    string? MasterAddress,
    IReadOnlyList<string> Vips,
    long AdvertsSent,
    long AdvertsReceived,
    IReadOnlyDictionary<string, long> Drops,
    int Transitions)
{
    public static StatusDumpInstance From(VrrpInstanceStatus s) => new(
        s.Name, s.Interface, s.State.ToString().ToUpperInvariant(), s.EffectivePriority, s.BasePriority,
        s.MasterAddress?.ToString(), s.Vips.Select(v => v.ToString()).ToList(), s.AdvertsSent, s.AdvertsReceived,
        s.Drops.OrderBy(d => d.Key).ToDictionary(d => d.Key.ToString(), d => d.Value, StringComparer.Ordinal), s.Transitions);
}

/// <summary>One receiver (socket) as written to the status dump: foreign VRIDs are dropped here, before any instance.</summary>
public sealed record StatusDumpReceiver(string Interface, long Received, long ForeignVrid, long Unreadable)
{
    public static StatusDumpReceiver From(ReceiverStatus s) => new(s.Interface, s.Received, s.ForeignVrid, s.Unreadable);
}

/// <summary>The whole dump: when it was taken, every instance and every receiver.</summary>
public sealed record StatusDump(DateTimeOffset Taken, IReadOnlyList<StatusDumpInstance> Instances, IReadOnlyList<StatusDumpReceiver> Receivers);

/// <summary>Writes a <see cref="StatusDump"/> as JSON, atomically (temp file + rename), so a reader never sees half a file.</summary>
public static class StatusDumpWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string ToJson(StatusDump dump) => JsonSerializer.Serialize(dump, Options);

    public static void Write(string path, IReadOnlyList<VrrpInstanceStatus> statuses, IReadOnlyList<ReceiverStatus> receivers, DateTimeOffset taken)
    {
        var dump = new StatusDump(taken,
            statuses.OrderBy(s => s.Name, StringComparer.Ordinal).Select(StatusDumpInstance.From).ToList(),
            receivers.OrderBy(r => r.Interface, StringComparer.Ordinal).Select(StatusDumpReceiver.From).ToList());
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, ToJson(dump));
        File.Move(temporary, path, overwrite: true);
    }
}
