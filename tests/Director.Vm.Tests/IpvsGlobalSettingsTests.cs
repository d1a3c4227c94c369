using Director.TestSupport.Vm;
using Director.Vm.Tests.Lab;
using Xunit.Abstractions;

namespace Director.Vm.Tests;

/// <summary>
/// global_defs <c>lvs_timeouts</c>, <c>lvs_flush</c> and <c>lvs_flush_onstop</c> on Debian's IPVS
/// kernel: director and keepalived 2.2.7's checker run the same sequence over the same starting
/// table, and the kernel must end up the same after each step.
/// </summary>
[Collection(VmCollection.Name)]
public sealed class IpvsGlobalSettingsTests(VmFixture fixture, ITestOutputHelper output)
{
    private const string Scenario = """
        D=$(lab_dir)
        cat > $D/k.conf <<'CONF'
        global_defs {
          router_id gs
          lvs_timeouts tcp 1000 tcpfin 100 udp 200
          lvs_flush
          lvs_flush_onstop
        }
        virtual_server 10.46.1.1 80 {
          lb_algo rr
          lb_kind NAT
          protocol TCP
          real_server 10.46.0.11 80 {
            weight 2
          }
        }
        CONF
        run() { # IMPL NS
          local impl=$1 ns=$2
          lab_netns $ns
          ip netns exec $ns ipvsadm -A -t 10.46.9.9:80 -s rr   # an operator's service before the start
          if [ $impl = keepalived ]; then lab_keepalived $ns $D/k.conf $D; pidfile=$D/keepalived.pid
          else lab_director $ns $D/k.conf $D -C --lb-backend ipvs; pidfile=$D/director.pid; fi
          lab_until 240 bash -c "ip netns exec $ns ipvsadm -Sn | grep -q -- '-r 10.46.0.11:80 -m -w 2'" \
            || { echo "$impl installed nothing"; cat $D/*.log; exit 1; }
          echo "BEGIN $impl-started"; lab_table $ns; echo "END $impl-started"
          echo "${impl}_timeouts=$(ip netns exec $ns ipvsadm -l --timeout | sed 's/.*: //')"
          ip netns exec $ns ipvsadm -A -t 10.46.8.8:80 -s wlc   # another one while it runs
          lab_stop $pidfile 120 || { echo "$impl did not stop"; exit 1; }
          echo "BEGIN $impl-stopped"; lab_table $ns; echo "END $impl-stopped"
        }
        run keepalived gs-ka
        run director gs-dir
        """;

    [Fact]
    public async Task Timeouts_flush_at_start_and_flush_on_stop_act_as_keepalived()
    {
        var result = await VmLab.RunAsync(fixture.Vm, Scenario, TimeSpan.FromMinutes(10));
        output.WriteLine(result.Output);
        result.EnsureSuccess("the global settings scenario");
        var values = VmLab.Values(result);

        // keepalived's own results, so that the test says what keepalived does on this kernel
        Assert.Equal("1000 100 200", values["keepalived_timeouts"]);
        Assert.DoesNotContain(VmLab.Section(result, "keepalived-started"), line => line.Contains("10.46.9.9", StringComparison.Ordinal));
        Assert.Empty(VmLab.Section(result, "keepalived-stopped"));

        Assert.Equal(values["keepalived_timeouts"], values["director_timeouts"]);
        Assert.Equal(VmLab.Section(result, "keepalived-started"), VmLab.Section(result, "director-started"));
        Assert.Equal(VmLab.Section(result, "keepalived-stopped"), VmLab.Section(result, "director-stopped"));
    }
}
