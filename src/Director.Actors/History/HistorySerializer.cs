using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace Director.Actors.History;

/// <summary>
/// Writes what the history and overrides actors journal as JSON with short, fixed manifests, so
/// that a journal written by one build is read by the next whatever the types are called then.
/// Bound in <see cref="Hocon"/>.
/// </summary>
public sealed class HistorySerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private const string EntryManifest = "history-entry-1";
    private const string SnapshotManifest = "history-snapshot-1";
    private const string OverrideManifest = "override-1";
    private const string OverridesManifest = "overrides-snapshot-1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The HOCON binding the journaled types to this serializer.</summary>
    public const string Hocon = """
        akka.actor {
          serializers.director-history = "Director.Actors.History.HistorySerializer, Director.Actors"
          serialization-bindings {
            "Director.Actors.History.HistoryEntry, Director.Actors" = director-history
            "Director.Actors.History.HistorySnapshot, Director.Actors" = director-history
            "Director.Actors.History.OverrideRecorded, Director.Actors" = director-history
            "Director.Actors.History.OverridesSnapshot, Director.Actors" = director-history
          }
        }
        """;

    public override int Identifier => 7401;

    public override string Manifest(object o) => o switch
    {
        HistoryEntry => EntryManifest,
        HistorySnapshot => SnapshotManifest,
        OverrideRecorded => OverrideManifest,
        OverridesSnapshot => OverridesManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not journaled by the history serializer", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        HistorySnapshot s => JsonSerializer.SerializeToUtf8Bytes(s.Entries.ToArray(), Json),
        OverridesSnapshot s => JsonSerializer.SerializeToUtf8Bytes(s.Entries.ToArray(), Json),
        _ => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        EntryManifest => Read<HistoryEntry>(bytes),
        SnapshotManifest => new HistorySnapshot(Read<HistoryEntry[]>(bytes)),
        OverrideManifest => Read<OverrideRecorded>(bytes),
        OverridesManifest => new OverridesSnapshot(Read<OverrideRecorded[]>(bytes)),
        _ => throw new SerializationException($"unknown history manifest '{manifest}'"),
    };

    private static T Read<T>(byte[] bytes) =>
        JsonSerializer.Deserialize<T>(bytes, Json) ?? throw new SerializationException($"empty {typeof(T).Name}");
}
