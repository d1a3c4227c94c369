using System.Net;
using Director.Core.Config.Hocon;
using Director.Core.Config.Model;
using Director.Core.Tests.Config.Hocon.Sample;

namespace Director.Core.Tests.Config.Hocon;

public class HoconRoundTripTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_full_topology_round_trips_with_and_without_defaults(bool writeDefaults) =>
        HoconAssert.RoundTrips(SampleTopologies.Small(), writeDefaults);

    [Fact]
    public void Both_forms_read_to_the_same_model()
    {
        var model = SampleTopologies.Small();
        var full = HoconTopology.Write(model, new HoconWriteOptions { WriteDefaults = true });
        var compact = HoconTopology.Write(model, new HoconWriteOptions { WriteDefaults = false });
        Assert.True(compact.Length < full.Length);
        Assert.Equal(HoconTopology.Read<SampleTopology>(full, "full").Model, HoconTopology.Read<SampleTopology>(compact, "compact").Model);
    }

    [Fact]
    public void A_fresh_model_gives_a_readable_defaults_document()
    {
        var text = HoconAssert.RoundTrips(new SampleTopology());
        Assert.Equal(
            """
            director.topology {
              router_id = "director"
              lvs_id = 0
              globals {
                notification_email_from = "root@localhost"
                notification_email = []
                smtp_server = "127.0.0.1"
                smtp_connect_timeout = 30s
                enable_script_security = false
              }
              vrrp_instances = []
              virtual_servers = []
            }

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Without_defaults_a_fresh_model_is_an_empty_block() =>
        Assert.Equal("director.topology {}\n", HoconAssert.RoundTrips(new SampleTopology(), writeDefaults: false));

    [Fact]
    public void Output_is_indented_and_polymorphic_values_carry_their_kind_first()
    {
        var text = HoconAssert.RoundTrips(SampleTopologies.Small(), writeDefaults: false);
        Assert.Contains(
            """
                  sorry_check {
                    type = "TCP_CHECK"
                    connect_port = 8080
                  }
            """.ReplaceLineEndings("\n"), text);
        Assert.Contains("      lvs_sched = Rr\n", text);
        Assert.Contains("    virtual_ipaddress = [\"192.168.1.10\", \"2001:db8::10\"]\n", text);
        Assert.Contains("    advert_interval = 1.5s\n", text);
        Assert.Contains("    flags = \"Alpha, Gamma\"\n", text);
    }

    public static TheoryData<string> Strings => new()
    {
        "", " ", "  leading", "trailing  ", "  both  ", "with space", "quote \" inside", "\"", "back\\slash", "\\",
        "#hash", "// slashes", "$dollar", "${substitution}", "{brace}", "[bracket]", "a,b", "a=b", "key: value",
        "null", "NULL", "true", "false", "123", "1.5s", "include", "é ü 中文 😀", "new\nline", "cr\rlf\r\n", "tab\there",
        "\u0001\u0007\u001f\u007f", "\b\f", "\0", "\ud800 lone", "lone \udc00", "'single'", "\"\"\"triple\"\"\"", "a\\\"b",
    };

    [Theory]
    [MemberData(nameof(Strings))]
    public void Any_string_survives_as_property_list_element_and_nested_value(string value)
    {
        HoconAssert.RoundTrips(new ScalarsSample { Text = value, MaybeText = value, Strings = new[] { value, "x", value } });
        HoconAssert.RoundTrips(new SampleTopology { VrrpInstances = new[] { new VrrpInstanceSample { Name = value, TrackScript = new[] { value } } } });
        HoconAssert.RoundTrips(new HttpGetSample { Url = new[] { new UrlSample { Path = value } } });
    }

    [Fact]
    public void Every_scalar_kind_round_trips_at_its_limits()
    {
        var max = new ScalarsSample
        {
            Flag = true, MaybeFlag = false, Int = int.MaxValue, MaybeInt = int.MinValue, Long = long.MaxValue, MaybeLong = long.MinValue,
            Byte = byte.MaxValue, UShort = ushort.MaxValue, UInt = uint.MaxValue, ULong = ulong.MaxValue, Short = short.MinValue,
            SByte = sbyte.MinValue, Double = double.MaxValue, MaybeDouble = double.Epsilon, Float = float.MinValue,
            Duration = TimeSpan.MaxValue, MaybeDuration = TimeSpan.MinValue, Address = IPAddress.Parse("255.255.255.255"),
            IPv6Address = IPAddress.Parse("fe80::1%3"), Scheduler = Scheduler.SourceHash, MaybeScheduler = Scheduler.Rr,
            Flags = CheckFlags.Alpha | CheckFlags.Beta | CheckFlags.Gamma, Renamed = -1,
        };
        HoconAssert.RoundTrips(max);
        HoconAssert.RoundTrips(max, writeDefaults: false);
        HoconAssert.RoundTrips(new ScalarsSample());
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(-0.0)]
    [InlineData(1e-5)]
    [InlineData(1e300)]
    [InlineData(123456789.123456789)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Doubles_round_trip_exactly(double value) =>
        HoconAssert.RoundTrips(new ScalarsSample { Double = value, MaybeDouble = value, Float = (float)value });

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.20.30.40")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("2001:db8::8a2e:370:7334")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("fe80::1%2")]
    public void Addresses_round_trip(string address) =>
        HoconAssert.RoundTrips(new ScalarsSample { Address = IPAddress.Parse(address), IPv6Address = IPAddress.Parse(address) });

    [Fact]
    public void Durations_round_trip_in_properties_nullables_and_lists()
    {
        var durations = new[]
        {
            TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(-3),
            TimeSpan.FromDays(400), TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.FromTicks(987654321),
        };
        foreach (var duration in durations)
            HoconAssert.RoundTrips(new ScalarsSample { Duration = duration, MaybeDuration = duration, Durations = new[] { duration, duration } });
    }

    [Fact]
    public void Lists_round_trip_empty_nested_with_nulls_and_long()
    {
        HoconAssert.RoundTrips(new ScalarsSample
        {
            MaybeInts = new int?[] { 1, null, 3 },
            Matrix = new[] { new[] { 1, 2 }.ToEquatableList(), EquatableList<int>.Empty, new[] { 3 }.ToEquatableList() },
            Strings = Enumerable.Range(0, 40).Select(i => $"element number {i}").ToEquatableList(),
        });
        HoconAssert.RoundTrips(new ScalarsSample { Matrix = new[] { EquatableList<int>.Empty } });
        HoconAssert.RoundTrips(new ScalarsSample { MaybeInts = new int?[] { null } });
    }

    [Fact]
    public void Nulls_are_omitted_unless_the_default_is_not_null()
    {
        var text = HoconAssert.RoundTrips(new ScalarsSample { MaybeList = null, DefaultedText = null, MaybeText = null });
        Assert.Contains("  maybe_list = null\n", text);
        Assert.Contains("  defaulted_text = null\n", text);
        Assert.DoesNotContain("maybe_text", text);
        HoconAssert.RoundTrips(new SampleTopology { Timers = new TimersSample { GarpDelay = null } }, writeDefaults: false);
    }

    [Fact]
    public void Polymorphic_records_round_trip_as_properties_and_list_elements()
    {
        HoconAssert.RoundTrips(new VirtualServerSample { SorryCheck = new MiscCheckSample { MiscPath = "/bin/true" } });
        HoconAssert.RoundTrips(new RealServerSample
        {
            Checks = new HealthCheck[] { new TcpCheckSample(), new HttpGetSample(), new MiscCheckSample(), new TcpCheckSample { Retry = 9 } },
        }, writeDefaults: false);
    }

    [Fact]
    public void Renamed_keys_are_quoted()
    {
        var text = HoconAssert.RoundTrips(new ScalarsSample { Renamed = 5 });
        Assert.Contains("  \"custom.key with space\" = 5\n", text);
    }

    [Fact]
    public void Output_is_stable()
    {
        var first = HoconTopology.Write(SampleTopologies.Small());
        Assert.Equal(first, HoconTopology.Write(SampleTopologies.Small()));
        Assert.Equal(first, HoconTopology.Write(HoconTopology.Read<SampleTopology>(first, "x").Model!));
    }
}
