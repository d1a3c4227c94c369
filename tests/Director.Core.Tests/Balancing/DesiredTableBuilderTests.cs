using System.Net;
using Director.Core.Balancing;
using Director.Core.Config.Binding;
using Director.Core.Config.Model;

namespace Director.Core.Tests.Balancing;

public sealed class DesiredTableBuilderTests
{
    private static KeepalivedConfig Config(string text)
    {
        var result = KeepalivedConfigLoader.LoadText(text, "t.conf");
        Assert.True(result.Config is not null, string.Join('\n', result.Diagnostics));
        return result.Config!;
    }

    private const string Web = """
        virtual_server 10.0.0.1 80 {
          lb_algo wrr
          lb_kind DR
          protocol TCP
          persistence_timeout 300
          persistence_granularity 255.255.255.0
          sorry_server 192.168.9.9 8080
          real_server 192.168.1.1 80 { weight 3 }
          real_server 192.168.1.2 80 {
            weight 1
            inhibit_on_failure
          }
          real_server 192.168.1.3 { weight 2 }
        }
        """;

    [Fact]
    public void All_servers_up_gives_the_configured_service()
    {
        var service = DesiredTableBuilder.AllUp(Config(Web)).Services.Values.Single();

        Assert.Equal(VirtualServiceKey.ForAddress(IPAddress.Parse("10.0.0.1"), 80, IpProtocol.Tcp), service.Key);
        Assert.Equal(Scheduler.Wrr, service.Scheduler);
        Assert.Equal(new Persistence(TimeSpan.FromSeconds(300), IPAddress.Parse("255.255.255.0")), service.Persistence);
        Assert.Equal(
            [("192.168.1.1", 80, 3), ("192.168.1.2", 80, 1), ("192.168.1.3", 80, 2)],
            service.Destinations.Select(d => (d.Address.ToString(), d.Port, d.Weight)));
        Assert.All(service.Destinations, d => Assert.Equal(ForwardingMethod.DirectRoute, d.Method));
    }

    [Fact]
    public void A_down_server_is_removed_or_kept_at_weight_zero_with_inhibit_on_failure()
    {
        var service = DesiredTableBuilder.From(Config(Web), k => k.RealServer.Ip.ToString() == "192.168.1.3" || k.RealServer.Ip.ToString() == "192.168.1.2"
            ? RealServerHealth.Down : RealServerHealth.Up).Services.Values.Single();

        Assert.Equal([("192.168.1.1", 3), ("192.168.1.2", 0)], service.Destinations.Select(d => (d.Address.ToString(), d.Weight)));
    }

    [Fact]
    public void The_sorry_server_comes_in_when_no_server_is_up()
    {
        var service = DesiredTableBuilder.From(Config(Web), _ => RealServerHealth.Down).Services.Values.Single();

        // DR: the sorry server takes the service's port, as keepalived 2.2.7 installs it
        // (tests/corpus/ipvs/sorry-inhibit.conf, 10.70.0.9: sorry_server 10.71.0.9 8080 -> 10.71.0.9:80).
        Assert.Equal([("192.168.1.2", 80, 0), ("192.168.9.9", 80, 1)], service.Destinations.Select(d => (d.Address.ToString(), d.Port, d.Weight)));
    }

    [Fact]
    public void A_checker_weight_overrides_the_configured_one()
    {
        var service = DesiredTableBuilder.From(Config(Web), _ => new RealServerHealth(true, 7)).Services.Values.Single();
        Assert.All(service.Destinations, d => Assert.Equal(7, d.Weight));
    }

    [Fact]
    public void Groups_expand_to_one_service_per_member_and_range()
    {
        var table = DesiredTableBuilder.AllUp(Config("""
            virtual_server_group web {
              10.0.0.1-3 80
              10.0.0.9 8080
              fwmark 5
            }
            virtual_server group web {
              lb_algo rr
              protocol UDP
              real_server 192.168.1.1 53 { weight 1 }
            }
            """));

        Assert.Equal(
            ["10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80", "10.0.0.9:8080", "fwmark 5"],
            table.Ordered.Select(s => s.Key.IsFwmark ? $"fwmark {s.Key.Fwmark}" : $"{s.Key.Address}:{s.Key.Port}"));
        Assert.All(table.Services.Values, s => Assert.Equal(IpProtocol.Udp, s.Key.Protocol));
    }
}
