using System.Net;
using Director.Core.Config.Hocon;
using Director.Core.Tests.Config.Hocon.Sample;

namespace Director.Core.Tests.Config.Hocon;

/// <summary>Hand-written HOCON, in the shapes people (and Akka's parser) produce.</summary>
public class HoconReadTests
{
    [Fact]
    public void Reads_hand_written_hocon_with_its_syntax_variants()
    {
        var result = HoconTopology.Read<SampleTopology>(
            """
            # comments, colons, unquoted strings, trailing spaces and commas
            akka.loglevel = INFO
            director {
              other-setting = 1
              topology {
                router_id: lb2   
                lvs_id = 3 // comment
                base-port = 80
                vrrp_instances = [
                  { name = VI_1, virtual_router_id = 51, priority = 120, advert_interval = 2 seconds   },
                  {
                    name = "VI_2"
                    virtual_router_id = 52
                    virtual_ipaddress = [ 10.0.0.5, "::1" ]
                    nopreempt = yes
                    track_script = [
                    ]
                  }
                ]
                virtual_servers = [
                  {
                    address = "192.168.1.10"
                    port = ${director.topology.base-port}
                    lvs_sched = rr
                    lb_kind = NAT
                    delay_loop = 6s
                    real_servers = [ ]
                  }
                ]
              }
            }
            director.topology.globals.smtp_server = "10.9.9.9"
            """, "hand.conf");

        Assert.Empty(result.Errors);
        Assert.Equal(["hand.conf:8: director.topology.base-port: unknown key in SampleTopology, ignored"], result.Warnings);
        var model = result.Model!;
        Assert.Equal("lb2", model.RouterId);
        Assert.Equal(3, model.LvsId);
        Assert.Equal(IPAddress.Parse("10.9.9.9"), model.Globals.SmtpServer);
        Assert.Equal(TimeSpan.FromSeconds(2), model.VrrpInstances[0].AdvertInterval);
        Assert.Equal(120, model.VrrpInstances[0].Priority);
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.IPv6Loopback], model.VrrpInstances[1].VirtualIpaddress);
        Assert.True(model.VrrpInstances[1].Nopreempt);
        Assert.Empty(model.VrrpInstances[1].TrackScript);
        var server = Assert.Single(model.VirtualServers);
        Assert.Equal((ushort)80, server.Port);
        Assert.Equal(Scheduler.Rr, server.LvsSched);
        Assert.Equal(ForwardingMethod.Nat, server.LbKind);
        Assert.Empty(server.RealServers);
    }

    [Theory]
    [InlineData("rr", Scheduler.Rr)]
    [InlineData("RR", Scheduler.Rr)]
    [InlineData("\"wlc\"", Scheduler.Wlc)]
    [InlineData("source_hash", Scheduler.SourceHash)]
    [InlineData("SOURCE-HASH", Scheduler.SourceHash)]
    public void Enums_read_case_insensitively(string text, Scheduler expected)
    {
        var result = HoconAssert.Reads<ScalarsSample>($"scheduler = {text}");
        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Model!.Scheduler);
    }

    [Fact]
    public void Polymorphic_kinds_read_case_insensitively()
    {
        var result = HoconAssert.Reads<VirtualServerSample>("sorry_check { type = tcp_check, connect_port = 99 }");
        Assert.Empty(result.Errors);
        Assert.Equal(new TcpCheckSample { ConnectPort = 99 }, result.Model!.SorryCheck);
    }

    [Fact]
    public void Missing_keys_keep_their_defaults_and_null_clears_a_nullable()
    {
        var result = HoconAssert.Reads<SampleTopology>("timers { garp_delay = null }\nvrrp_instances = [ { name = a }, {} ]");
        Assert.Empty(result.Errors);
        Assert.Equal(new TimersSample { GarpDelay = null }, result.Model!.Timers);
        Assert.Equal([new VrrpInstanceSample { Name = "a" }, new VrrpInstanceSample()], result.Model.VrrpInstances);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[ ]")]
    [InlineData("[\n]")]
    [InlineData("[] ")]
    public void Every_spelling_of_an_empty_array_reads_as_empty(string array)
    {
        var result = HoconAssert.Reads<ScalarsSample>($"strings = {array}\nmatrix = [ {array}, [1] ]");
        Assert.Empty(result.Errors);
        Assert.Empty(result.Model!.Strings);
        Assert.Equal(2, result.Model.Matrix.Count);
        Assert.Empty(result.Model.Matrix[0]);
    }

    [Fact]
    public void Read_file_reads_from_disk_and_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"director-hocon-{Guid.NewGuid():N}.conf");
        try
        {
            File.WriteAllText(path, HoconTopology.Write(SampleTopologies.Small()));
            Assert.Equal(SampleTopologies.Small(), HoconTopology.ReadFile<SampleTopology>(path).Model);
            File.WriteAllText(path, "director.topology { lvs_id = x }");
            Assert.Equal([$"{path}:1: director.topology.lvs_id: expected an integer, got \"x\""], HoconTopology.ReadFile<SampleTopology>(path).Errors);
        }
        finally
        {
            File.Delete(path);
        }
        var missing = HoconTopology.ReadFile<SampleTopology>(path);
        Assert.Null(missing.Model);
        Assert.StartsWith($"{path}: cannot read", Assert.Single(missing.Errors));
    }
}
