using Akka.Serialization;
using Akka.TestKit.Xunit2;
using Director.Actors.History;

namespace Director.Actors.Tests.History;

public class HistorySerializerTests() : TestKit(PersistenceTestConfig.Config)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2));

    private object RoundTrip(object value)
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(value);
        Assert.IsType<HistorySerializer>(serializer);
        return serializer.FromBinary(serializer.ToBinary(value), serializer.Manifest(value));
    }

    [Fact]
    public void Journaled_types_go_through_the_history_serializer_and_come_back_equal()
    {
        var entry = new HistoryEntry(T0, HistoryKinds.Vrrp, "VI_1", "BACKUP", "MASTER", "priority 100");
        var recorded = new OverrideRecorded(null, "10.0.0.1:80", OverrideRecorded.Weight, 4, T0);
        Assert.Equal(entry, RoundTrip(entry));
        Assert.Equal(recorded, RoundTrip(recorded));
        Assert.Equal([entry], ((HistorySnapshot)RoundTrip(new HistorySnapshot([entry]))).Entries);
        Assert.Equal([recorded], ((OverridesSnapshot)RoundTrip(new OverridesSnapshot([recorded]))).Entries);
    }
}
