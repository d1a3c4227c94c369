using Director.TestSupport.Vm;
using Director.Vm.Tests.Lab;
using Xunit.Abstractions;

namespace Director.Vm.Tests;

/// <summary>
/// An IPVS host whose kernel has no nftables (nf_tables and nfnetlink not loaded and not
/// loadable, as where the firewall is iptables): director programs IPVS all the same, and says
/// that VIPs cannot be blocked. libnftables used to exit() the daemon there ("mnl.c:60: Unable
/// to initialize Netlink socket: Protocol not supported"), leaving the kernel table empty.
/// </summary>
[Collection(VmCollection.Name)]
public sealed class IpvsWithoutNftablesTests(VmFixture fixture, ITestOutputHelper output)
{
    private const string Scenario = """
        NS=nonft; lab_netns $NS; D=$(lab_dir)
        # nftables unloadable for the kernel's module requests; every nftables module out
        BLOCK=/etc/modprobe.d/director-vm-no-nftables.conf
        printf 'install nfnetlink /bin/false\ninstall nf_tables /bin/false\n' > $BLOCK
        trap 'rm -f $BLOCK; lab_cleanup' EXIT
        for pass in 1 2 3 4 5; do
          for m in $(lsmod | awk '$1 ~ /^(nft_|nf_tables|nfnetlink)/ {print $1}'); do rmmod $m 2>/dev/null; done
        done
        if lsmod | grep -qE '^(nf_tables|nfnetlink) '; then echo "nftables modules still loaded:"; lsmod | grep -E '^(nf|nft)_|nfnetlink'; exit 1; fi
        cat > $D/keepalived.conf <<'CONF'
        virtual_server 10.45.1.1 80 {
          lb_algo wrr
          lb_kind NAT
          protocol TCP
          real_server 10.45.0.11 80 {
            weight 2
          }
        }
        virtual_server fwmark 7 {
          lb_algo sh
          sh-port
          lb_kind DR
          real_server 10.45.0.12 80 {
          }
        }
        CONF
        lab_director $NS $D/keepalived.conf $D
        lab_until 300 bash -c "ip netns exec $NS ipvsadm -Sn | grep -c -- '^-a' | grep -qx 2" || { echo "nothing reached the kernel"; cat $D/director.log; exit 1; }
        echo BEGIN table; lab_table $NS; echo END table
        echo BEGIN warnings; grep -o 'VIP firewall: .*' $D/director.log; echo END warnings
        kill -0 $(cat $D/director.process) && echo alive=yes
        lab_stop $D/director.pid 120 || { echo "director did not stop"; exit 1; }
        echo "exit_status_log=$(grep -c 'Unable to initialize Netlink socket' $D/director.log)"
        """;

    [Fact]
    public async Task Director_programs_ipvs_and_says_vips_cannot_be_blocked_when_the_kernel_has_no_nftables()
    {
        var result = await VmLab.RunAsync(fixture.Vm, Scenario, TimeSpan.FromMinutes(10));
        output.WriteLine(result.Output);
        result.EnsureSuccess("the no-nftables scenario");

        Assert.Equal(
            new[]
            {
                "-A -f 7 -s sh -b sh-port",
                "-A -t 10.45.1.1:80 -s wrr",
                "-a -f 7 -r 10.45.0.12:0 -g -w 1",
                "-a -t 10.45.1.1:80 -r 10.45.0.11:80 -m -w 2",
            }.Order(StringComparer.Ordinal),
            VmLab.Section(result, "table").Order(StringComparer.Ordinal));
        Assert.Contains(VmLab.Section(result, "warnings"), l => l.Contains("nftables is not usable", StringComparison.Ordinal));
        var values = VmLab.Values(result);
        Assert.Equal("yes", values["alive"]);
        Assert.Equal("0", values["exit_status_log"]);
    }
}
