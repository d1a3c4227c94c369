using Director.TestSupport.Vm;
using Director.Vm.Tests.Lab;
using Xunit.Abstractions;

namespace Director.Vm.Tests;

/// <summary>
/// director's IPVS backend over a table's life on Debian's IPVS kernel: a table left by a crashed
/// keepalived is reconciled (not flushed), a service director does not own stays, a reload with
/// one change changes only that, and a stop removes what director owns, as keepalived's does.
/// IPVS has no change events; a service or destination removed and re-added would restart its
/// counters, so IPVS's own per-destination connection counters show what was left untouched.
/// </summary>
[Collection(VmCollection.Name)]
public sealed class IpvsTableLifecycleTests(VmFixture fixture, ITestOutputHelper output)
{
    private const string Scenario = """
        NS=lc-dir; lab_netns $NS; D=$(lab_dir)
        ip -n $NS link add lc-d0 type dummy && ip -n $NS addr add 10.44.0.1/24 dev lc-d0 && ip -n $NS link set lc-d0 up
        ip -n $NS route add 10.44.1.0/24 dev lc-d0
        cat > $D/keepalived.conf <<'CONF'
        global_defs {
          router_id lc
        }
        virtual_server 10.44.1.1 80 {
          lb_algo rr
          lb_kind NAT
          protocol TCP
          real_server 10.44.0.11 80 {
            weight 1
          }
          real_server 10.44.0.12 80 {
            weight 2
          }
          real_server 10.44.0.14 80 {
            weight 1
          }
        }
        virtual_server 10.44.1.2 80 {
          lb_algo wlc
          lb_kind NAT
          protocol TCP
          real_server 10.44.0.13 80 {
            weight 1
          }
        }
        CONF
        # director's configuration differs from the crashed run's: 10.44.0.12 weighs 3, 10.44.0.14 is gone
        awk '/real_server 10.44.0.14/ {skip = 3} skip > 0 {skip--; next} {print}' $D/keepalived.conf \
          | sed '/real_server 10.44.0.12/,/}/ s/weight 2/weight 3/' > $D/director.conf
        touch_vip() { for i in 1 2 3 4 5 6; do ip netns exec $NS timeout 1 bash -c "echo > /dev/tcp/$1/80" 2>/dev/null; done; }
        conns() { echo "conns_$1_11=$(lab_conns $NS 10.44.1.1:80 10.44.0.11:80) conns_$1_12=$(lab_conns $NS 10.44.1.1:80 10.44.0.12:80) conns_$1_13=$(lab_conns $NS 10.44.1.2:80 10.44.0.13:80)" | tr ' ' '\n'; }
        has() { ip netns exec $NS ipvsadm -Sn | grep -q -- "$1"; }

        # 1. keepalived installs its table and crashes; an operator's own service sits beside it
        lab_keepalived $NS $D/keepalived.conf $D
        lab_until 60 bash -c "ip netns exec $NS ipvsadm -Sn | grep -c -- '^-a' | grep -qx 4" || { echo "keepalived installed nothing"; cat $D/keepalived.log; exit 1; }
        kill -9 $(cat $D/checkers.pid) $(cat $D/keepalived.pid)
        ip netns exec $NS ipvsadm -A -t 10.44.9.9:80 -s rr && ip netns exec $NS ipvsadm -a -t 10.44.9.9:80 -r 10.44.0.99:80 -m
        touch_vip 10.44.1.1; touch_vip 10.44.1.2
        echo BEGIN leftover; lab_table $NS; echo END leftover
        conns leftover

        # 2. director starts over it
        lab_director $NS $D/director.conf $D -C --lb-backend ipvs
        lab_until 240 bash -c "ip netns exec $NS ipvsadm -Sn | grep -q -- '-r 10.44.0.12:80 -m -w 3' && ! ip netns exec $NS ipvsadm -Sn | grep -q 10.44.0.14" \
          || { echo "director did not reconcile"; lab_table $NS; cat $D/director.log; exit 1; }
        echo BEGIN started; lab_table $NS; echo END started
        conns started

        # 3. a reload with one change
        sed -i '/real_server 10.44.0.13/,/}/ s/weight 1/weight 4/' $D/director.conf
        kill -HUP $(cat $D/director.pid)
        lab_until 180 has '-r 10.44.0.13:80 -m -w 4' || { echo "the reload did not reach the kernel"; cat $D/director.log; exit 1; }
        echo BEGIN reloaded; lab_table $NS; echo END reloaded
        conns reloaded

        # 4. director stops
        lab_stop $D/director.pid 120 || { echo "director did not stop"; exit 1; }
        echo BEGIN director-stopped; lab_table $NS; echo END director-stopped

        # 5. the reference: keepalived over the same table with the same configuration, stopped
        lab_keepalived $NS $D/director.conf $D
        lab_until 60 has '-r 10.44.0.13:80 -m -w 4' || { echo "keepalived installed nothing"; cat $D/keepalived.log; exit 1; }
        lab_stop $D/keepalived.pid 60 || { echo "keepalived did not stop"; exit 1; }
        echo BEGIN keepalived-stopped; lab_table $NS; echo END keepalived-stopped
        """;

    [Fact]
    public async Task Reconciles_a_crashed_keepalived_table_reloads_one_change_and_stops_as_keepalived()
    {
        var result = await VmLab.RunAsync(fixture.Vm, Scenario, TimeSpan.FromMinutes(12));
        output.WriteLine(result.Output);
        result.EnsureSuccess("the lifecycle scenario");
        var values = VmLab.Values(result);
        var leftover = VmLab.Section(result, "leftover");
        var started = VmLab.Section(result, "started");
        var reloaded = VmLab.Section(result, "reloaded");

        const string Foreign = "-A -t 10.44.9.9:80 -s rr";
        const string ForeignDestination = "-a -t 10.44.9.9:80 -r 10.44.0.99:80 -m -w 1";
        Assert.Contains("-a -t 10.44.1.1:80 -r 10.44.0.14:80 -m -w 1", leftover);

        // Reconciled: the crashed run's extra server gone, the changed weight edited, the rest and
        // the operator's service untouched (their counters kept: nothing was removed and re-added).
        Assert.DoesNotContain(started, line => line.Contains("10.44.0.14", StringComparison.Ordinal));
        Assert.Contains("-a -t 10.44.1.1:80 -r 10.44.0.12:80 -m -w 3", started);
        Assert.Contains(Foreign, started);
        Assert.Contains(ForeignDestination, started);
        Assert.All(new[] { "11", "12", "13" }, server =>
        {
            Assert.NotEqual("0", values[$"conns_leftover_{server}"]);
            Assert.Equal(values[$"conns_leftover_{server}"], values[$"conns_started_{server}"]);
            Assert.Equal(values[$"conns_leftover_{server}"], values[$"conns_reloaded_{server}"]);
        });

        // The reload changed exactly one line of the table.
        Assert.Equal(["-a -t 10.44.1.2:80 -r 10.44.0.13:80 -m -w 1"], started.Except(reloaded));
        Assert.Equal(["-a -t 10.44.1.2:80 -r 10.44.0.13:80 -m -w 4"], reloaded.Except(started));

        // Stopped: what keepalived leaves after its own stop from the same state.
        Assert.Equal([Foreign, ForeignDestination], VmLab.Section(result, "keepalived-stopped"));
        Assert.Equal(VmLab.Section(result, "keepalived-stopped"), VmLab.Section(result, "director-stopped"));
    }
}
