using Director.TestSupport.Vm;
using Director.Vm.Tests.Lab;
using Xunit.Abstractions;

namespace Director.Vm.Tests;

/// <summary>
/// An operator's `ipvsadm -C` under a running director on Debian's IPVS kernel: IPVS announces no
/// changes, so director reads its table back every director.lb.table-check-interval (1 s) and puts
/// its services back (logged and counted); after director's own stop, what the stop removed stays
/// removed. No timing bound tighter than a few seconds: .NET runs ~30x slower under TCG.
/// </summary>
[Collection(VmCollection.Name)]
public sealed class IpvsTableRepairTests(VmFixture fixture, ITestOutputHelper output)
{
    private const string Scenario = """
        NS=tr-dir; lab_netns $NS; D=$(lab_dir)
        ip -n $NS link add tr-d0 type dummy && ip -n $NS addr add 10.45.0.1/24 dev tr-d0 && ip -n $NS link set tr-d0 up
        cat > $D/keepalived.conf <<'CONF'
        global_defs {
          router_id tr
        }
        virtual_server 10.45.1.1 80 {
          lb_algo wrr
          lb_kind NAT
          protocol TCP
          real_server 10.45.0.11 80 {
            weight 1
          }
          real_server 10.45.0.12 80 {
            weight 2
          }
        }
        virtual_server 10.45.1.2 443 {
          lb_algo rr
          lb_kind NAT
          protocol TCP
          persistence_timeout 60
          real_server 10.45.0.13 443 {
            weight 1
          }
        }
        CONF
        lab_director $NS $D/keepalived.conf $D -C --lb-backend ipvs
        lab_until 240 bash -c "ip netns exec $NS ipvsadm -Sn | grep -c -- '^-a' | grep -qx 3" \
          || { echo "director installed nothing"; lab_table $NS; cat $D/director.log; exit 1; }
        lab_table $NS > $D/before
        echo BEGIN before; cat $D/before; echo END before

        ip netns exec $NS ipvsadm -C
        start=$SECONDS
        lab_until 120 bash -c "ip netns exec $NS ipvsadm -Sn | sort | cmp -s - $D/before" \
          || { echo "director did not repair the table"; lab_table $NS; cat $D/director.log; exit 1; }
        echo repaired_within_s=$((SECONDS - start))
        echo BEGIN repaired; lab_table $NS; echo END repaired
        echo restored_logs=$(grep -c 'Forwarding table (ipvs) restored' $D/director.log)
        echo BEGIN restored; grep 'Forwarding table (ipvs) restored' $D/director.log; echo END restored

        lab_stop $D/director.pid 120 || { echo "director did not stop"; exit 1; }
        echo BEGIN stopped; lab_table $NS; echo END stopped
        """;

    [Fact]
    public async Task An_ipvs_table_flushed_by_an_operator_is_put_back_and_a_stop_is_not_undone()
    {
        var result = await VmLab.RunAsync(fixture.Vm, Scenario, TimeSpan.FromMinutes(10));
        output.WriteLine(result.Output);
        result.EnsureSuccess("the ipvsadm -C scenario");
        var values = VmLab.Values(result);
        var before = VmLab.Section(result, "before");

        Assert.Equal(5, before.Length); // 2 services, 3 destinations
        Assert.Contains("-a -t 10.45.1.1:80 -r 10.45.0.12:80 -m -w 2", before);
        Assert.Equal(before, VmLab.Section(result, "repaired"));
        // One repair, of the whole flush (the table may be back before any listing could see it empty).
        Assert.Equal("1", values["restored_logs"]);
        Assert.Contains("read back 2 services missing (TCP 10.45.1.1:80, TCP 10.45.1.2:443); wrote back 2 services",
            Assert.Single(VmLab.Section(result, "restored")), StringComparison.Ordinal);
        Assert.Empty(VmLab.Section(result, "stopped"));
    }
}
