using System.Globalization;
using System.Net;
using System.Text.Json;
using Director.Core.Vrrp;
using Director.TestSupport.Netns;
using Xunit.Abstractions;

namespace Director.Integration.Tests.Vrrp;

/// <summary>
/// 100,000 mutated and random adverts sent to the group at a running director (MASTER, alone):
/// it keeps running, stays MASTER with no transition, accepts none, and counts every drop under
/// its reason (instance counters, or the receiver's for foreign VRIDs and unreadable packets).
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int PerCategory = 8_000;
    private const int RandomCount = 28_000;

    [Fact]
    public void Director_drops_100000_bad_adverts_by_reason_without_changing_state()
    {
        // The second namespace is only the sender: its keepalived is never started.
        using var segment = VrrpSegment.Create(Implementation.Director, Implementation.Keepalived);
        var (director, peer) = (segment.Nodes[0], segment.Nodes[1]);
        var vips = new[] { segment.Vip(0, 0), segment.Vip(0, 1) };
        director.WriteConfig(new NodeConfig([new("VI_1", "eth0", FuzzPackets.Vrid, 150, vips, Version: 2, AdvertInterval: 1,
            State: "MASTER", Password: FuzzPackets.Password)]));
        director.Start();
        segment.AssertSoleHolder(director, TimeSpan.FromSeconds(15), "director alone becomes MASTER", vips);

        var packets = new FuzzPackets(IPAddress.Parse(segment.Address(0, 1)), vips.Select(IPAddress.Parse).ToList(), new Random(20261125));
        var before = director.DumpStatus();
        var pid = director.Process!.Id;
        var kernelDropsBefore = RawSockets(pid).Drops;
        using var injector = new RawVrrpInjector(peer.Namespace, "eth0");

        // Interleaved so that a slow spell of the daemon never meets a single category.
        var categories = packets.Categories;
        var sent = 0;
        for (var i = 0; i < PerCategory; i++)
            foreach (var category in categories)
                Send(injector, category.Build(), pid, ref sent);
        WaitForReceiverCount(director, Received(before) + sent, pid, segment);
        var afterCategories = director.DumpStatus();

        for (var i = 0; i < RandomCount; i++)
            Send(injector, packets.Random(), pid, ref sent);
        WaitForReceiverCount(director, Received(before) + sent, pid, segment);
        var after = director.DumpStatus();
        var kernelDrops = RawSockets(pid).Drops - kernelDropsBefore;
        output.WriteLine($"sent {sent}; kernel drops on the raw socket {kernelDrops}");
        output.WriteLine(after.ToString());

        Assert.True(director.Running, $"director died\n{segment.Logs()}");
        Assert.Equal(100_000, sent);
        Assert.Equal(0, kernelDrops);
        var (instanceBefore, instanceMid, instanceAfter) = (Instance(before), Instance(afterCategories), Instance(after));
        Assert.Equal("MASTER", instanceAfter.GetProperty("state").GetString());
        Assert.Equal(instanceBefore.GetProperty("transitions").GetInt32(), instanceAfter.GetProperty("transitions").GetInt32());
        Assert.Equal(0, instanceAfter.GetProperty("advertsReceived").GetInt64());

        foreach (var category in categories.Where(c => c.Reason is not null))
            Assert.True(PerCategory == Drops(instanceMid, category.Reason!.Value) - Drops(instanceBefore, category.Reason!.Value),
                $"{category.Name}: {Drops(instanceMid, category.Reason!.Value) - Drops(instanceBefore, category.Reason!.Value)} counted as {category.Reason}, {PerCategory} sent\n{instanceMid}");
        Assert.Equal(PerCategory, Receiver(afterCategories, "foreignVrid") - Receiver(before, "foreignVrid"));
        Assert.Equal(0, Receiver(afterCategories, "unreadable") - Receiver(before, "unreadable"));

        // Random packets: every one dropped somewhere, under some reason.
        var randomDrops = TotalDrops(instanceAfter) - TotalDrops(instanceMid)
            + Receiver(after, "foreignVrid") - Receiver(afterCategories, "foreignVrid")
            + Receiver(after, "unreadable") - Receiver(afterCategories, "unreadable");
        Assert.Equal(RandomCount, randomDrops);
        segment.AssertStaysSoleHolder(director, TimeSpan.FromMilliseconds(200), "still MASTER after the fuzz", vips);
    }

    // Paced on the daemon's receive queue so that its socket buffer never overflows (kernel drops are asserted zero).
    private static void Send(RawVrrpInjector injector, byte[] datagram, int pid, ref int sent)
    {
        injector.Send(datagram, FuzzPackets.Group);
        if (++sent % 50 != 0) return;
        for (var i = 0; i < 2000 && RawSockets(pid).RxQueue > 32 * 1024; i++)
            Thread.Sleep(1);
    }

    private static void WaitForReceiverCount(VrrpNode director, long expected, int pid, VrrpSegment segment)
    {
        long received = 0;
        if (Poll.Until(() => (received = Received(director.DumpStatus())) >= expected, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)))
            return;
        Assert.Fail($"director received {received} of {expected} packets; raw socket {RawSockets(pid)}\n{segment.Logs()}");
    }

    private static JsonElement Instance(JsonElement dump) => dump.GetProperty("instances")[0];

    private static long Received(JsonElement dump) => Receiver(dump, "received");

    private static long Receiver(JsonElement dump, string counter) => dump.GetProperty("receivers")[0].GetProperty(counter).GetInt64();

    private static long Drops(JsonElement instance, VrrpDropReason reason) =>
        instance.GetProperty("drops").TryGetProperty(reason.ToString(), out var value) ? value.GetInt64() : 0;

    private static long TotalDrops(JsonElement instance) => instance.GetProperty("drops").EnumerateObject().Sum(p => p.Value.GetInt64());

    private sealed record RawSocketStats(long RxQueue, long Drops);

    /// <summary>Receive queue bytes and drops of the IPv4 raw sockets in the namespace of <paramref name="pid"/> (/proc/PID/net/raw).</summary>
    private static RawSocketStats RawSockets(int pid)
    {
        var rows = File.ReadAllLines($"/proc/{pid}/net/raw").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 12 && fields[1].EndsWith(":0070", StringComparison.Ordinal))
            .ToList();
        return new RawSocketStats(
            rows.Sum(f => long.Parse(f[4].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
            rows.Sum(f => long.Parse(f[^1], CultureInfo.InvariantCulture)));
    }
}
