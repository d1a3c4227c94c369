using System.Text.Json;
using Director.TestSupport.Vm;
using static Director.Vm.Tests.Traffic.TrafficLab;

namespace Director.Vm.Tests.Traffic;

/// <summary>
/// Real HTTP through IPVS, programmed by the published `director run` (IPVS chosen by itself) in
/// namespaces inside the VM (traffic-lab.sh). Expected values are IPVS's: rr gives each real server
/// one new connection in turn, wrr in proportion to the weights, wlc the least
/// (ActiveConn x 256 + InActConn) / weight; a connection is active while ESTABLISHED, inactive
/// after it closes (TIME_WAIT, 120 s); a real server leaves the table when deleted and keeps its
/// established connections (expire_nodest_conn = 0).
/// </summary>
[Collection(VmCollection.Name)]
public sealed class TrafficThroughIpvsTests(VmFixture fixture)
{
    private static readonly string[] Servers = ["rs1", "rs2", "rs3"];
    private static readonly string[] Rips = ["10.0.1.1:80", "10.0.1.2:80", "10.0.1.3:80"];

    [Fact]
    public async Task Nat_dr_and_tun_carry_http_as_the_scheduler_spreads_it_and_ipvs_and_status_count_the_connections()
    {
        var config = string.Join('\n',
            "global_defs {\n  router_id TRAFFIC\n}",
            VirtualServer(1, "rr", "NAT", "", (1, 1), (2, 1), (3, 1)),
            VirtualServer(2, "wrr", "DR", "", (1, 3), (2, 1), (3, 2)),
            VirtualServer(3, "rr", "TUN", "", (1, 1), (2, 1), (3, 1)),
            VirtualServer(4, "wlc", "NAT", "", (1, 2), (2, 1), (3, 1)));
        var result = await fixture.Vm.RunAsync(Script($$"""
            daemon_start {{Literal(config)}}
            await_table '[ "$(table | grep -c -- "^-a")" = 12 ]' 300 "the 12 real servers of the 4 services"
            table | sed 's/^/table: /'
            requests 10.0.0.1 30 | sed 's/^/nat./'
            requests 10.0.0.2 30 | sed 's/^/dr./'
            requests 10.0.0.3 30 | sed 's/^/tun./'

            # 8 connections held open through VIP 4 (wlc, weights 2:1:1), then closed
            active_sum() { ipvs_counts 10.0.0.4 x | awk -F'[=/]' '{s += $2} END {print s + 0}'; }
            ip netns exec tr-c python3 -c "import socket, time; s = [socket.create_connection(('10.0.0.4', 80)) for _ in range(8)]; time.sleep(600)" &
            HOLDER=$!; PIDS+=("$HOLDER")
            await_table '[ "$(active_sum)" = 8 ]' 120 "8 active connections on 10.0.0.4:80"
            ipvs_counts 10.0.0.4 held
            echo "status.held=$(ip netns exec tr-d curl -s -m 60 http://127.0.0.1:8558/status | tr -d '\n')"
            kill "$HOLDER"; wait "$HOLDER" 2>/dev/null
            await_table '[ "$(active_sum)" = 0 ]' 120 "the held connections closed"
            ipvs_counts 10.0.0.4 closed
            echo "status.closed=$(ip netns exec tr-d curl -s -m 60 http://127.0.0.1:8558/status | tr -d '\n')"
            director_cli status | sed 's/^/statustable: /'
            """), Limit);

        result.EnsureSuccess("the NAT / DR / TUN traffic script");
        var output = result.Output;
        var values = Values(output);
        Assert.Contains("-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1", Tagged(output, "table"));
        Assert.Contains("-a -t 10.0.0.2:80 -r 10.0.1.1:80 -g -w 3", Tagged(output, "table"));
        Assert.Contains("-a -t 10.0.0.3:80 -r 10.0.1.1:80 -i -w 1 --tun-type ipip", Tagged(output, "table"));

        // rr: 30 new connections over 3 real servers, 10 each; wrr 3:1:2: 15 / 5 / 10. No request fails.
        Assert.Equal([10, 10, 10], Servers.Select(s => values.Count($"nat.{s}")));
        Assert.Equal([15, 5, 10], Servers.Select(s => values.Count($"dr.{s}")));
        Assert.Equal([10, 10, 10], Servers.Select(s => values.Count($"tun.{s}")));
        Assert.Equal(0, values.Count("nat.FAIL") + values.Count("dr.FAIL") + values.Count("tun.FAIL"));

        // wlc 2:1:1 with 8 held connections: 4 / 2 / 2 active (ActiveConn/InActConn in ipvsadm -Ln);
        // closed, they are inactive (TIME_WAIT). GET /status and `director status` show the same.
        Assert.Equal(["4/0", "2/0", "2/0"], Rips.Select(r => values[$"held.{r}"]));
        Assert.Equal(["0/4", "0/2", "0/2"], Rips.Select(r => values[$"closed.{r}"]));
        Assert.Equal(Rips.Select(r => values[$"held.{r}"]), CountsInStatus(values["status.held"], "vs-10.0.0.4:80"));
        Assert.Equal(Rips.Select(r => values[$"closed.{r}"]), CountsInStatus(values["status.closed"], "vs-10.0.0.4:80"));
        var table = string.Join('\n', Tagged(output, "statustable"));
        Assert.Contains("data plane ipvs", table, StringComparison.Ordinal);
        Assert.Matches(@"10\.0\.1\.1:80\s+up\s+2\s+0\s+4\n", table);
        Assert.Matches(@"10\.0\.1\.2:80\s+up\s+1\s+0\s+2\n", table);
    }

    [Fact]
    public async Task A_checker_takes_a_stopped_server_out_and_back_and_a_reload_removes_and_adds_one_under_load_losing_no_request()
    {
        const string globals = "global_defs {\n  router_id TRAFFIC\n}";
        var dr = VirtualServer(2, "wrr", "DR", "  inhibit_on_failure", (1, 1), (2, 1), (3, 1));
        var config = string.Join('\n', globals, VirtualServer(1, "rr", "NAT", "", (1, 1), (2, 1), (3, 1)), dr);
        var withoutRs3 = string.Join('\n', globals, VirtualServer(1, "rr", "NAT", "", (1, 1), (2, 1)), dr);
        var result = await fixture.Vm.RunAsync(Script($$"""
            has() { destinations "$1" | grep -qE -- "-r $2( |\$)"; }
            daemon_start {{Literal(config)}}
            await_table '[ "$(table | grep -c -- "^-a")" = 6 ]' 300 "the 6 real servers of the 2 services"

            # TCP_CHECK: rs2 stopped leaves the NAT service; in the DR one (inhibit_on_failure) its weight is 0
            server_stop 2
            await_table '! has 10.0.0.1 10.0.1.2:80 && has 10.0.0.2 "10.0.1.2:80 -g -w 0"' 180 "rs2 out of the table"
            destinations 10.0.0.1 | sed 's/^/down: /'; destinations 10.0.0.2 | sed 's/^/down: /'
            requests 10.0.0.1 20 | sed 's/^/down./'
            server_start 2
            await_table 'has 10.0.0.1 10.0.1.2:80 && has 10.0.0.2 "10.0.1.2:80 -g -w 1"' 180 "rs2 back in the table"
            destinations 10.0.0.1 | sed 's/^/up: /'; destinations 10.0.0.2 | sed 's/^/up: /'
            requests 10.0.0.1 30 | sed 's/^/up./'

            # under continuous load: rs3 removed from the file + reload, then added back + reload
            # (phases: before, removing = reload sent, removed = seen gone, adding = reload sent, added = seen back)
            load_start 10.0.0.1 before
            load_await before 9
            load_phase removing
            daemon_reload {{Literal(withoutRs3)}}
            await_table '! has 10.0.0.1 10.0.1.3:80' 180 "rs3 removed by the reload"
            load_phase removed
            load_await removed 12
            load_phase adding
            daemon_reload {{Literal(config)}}
            await_table 'has 10.0.0.1 10.0.1.3:80' 180 "rs3 added back by the reload"
            load_phase added
            load_await added 12
            load_stop
            """), Limit);

        result.EnsureSuccess("the checker and reload script");
        var output = result.Output;
        var values = Values(output);

        Assert.Equal(["-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1", "-a -t 10.0.0.1:80 -r 10.0.1.3:80 -m -w 1",
            "-a -t 10.0.0.2:80 -r 10.0.1.1:80 -g -w 1", "-a -t 10.0.0.2:80 -r 10.0.1.2:80 -g -w 0", "-a -t 10.0.0.2:80 -r 10.0.1.3:80 -g -w 1"],
            Tagged(output, "down"));
        Assert.Equal([10, 0, 10], Servers.Select(s => values.Count($"down.{s}")));
        Assert.Contains("-a -t 10.0.0.1:80 -r 10.0.1.2:80 -m -w 1", Tagged(output, "up"));
        Assert.Contains("-a -t 10.0.0.2:80 -r 10.0.1.2:80 -g -w 1", Tagged(output, "up"));
        Assert.Equal([10, 10, 10], Servers.Select(s => values.Count($"up.{s}")));
        Assert.Equal(0, values.Count("down.FAIL") + values.Count("up.FAIL"));

        // No request lost while the table changed; none reached rs3 once it was gone; rr over the rest.
        string[] phases = ["before", "removing", "removed", "adding", "added"];
        Assert.Equal(0, phases.Sum(p => values.Count($"load.{p}.FAIL")));
        Assert.Equal(values.Count("load.total"), phases.Sum(p => Servers.Sum(s => values.Count($"load.{p}.{s}"))));
        Assert.True(values.Count("load.before.rs3") > 0, output);
        Assert.Equal(0, values.Count("load.removed.rs3"));
        Assert.InRange(values.Count("load.removed.rs1") - values.Count("load.removed.rs2"), -1, 1);
        var added = Servers.Select(s => values.Count($"load.added.{s}")).ToList();
        Assert.True(added.Min() >= 3 && added.Max() - added.Min() <= 1, $"rr after the re-add: {string.Join('/', added)}");
    }

    /// <summary>"active/inactive" of each real server of <paramref name="vs"/> in a GET /status answer.</summary>
    private static List<string> CountsInStatus(string json, string vs)
    {
        using var status = JsonDocument.Parse(json);
        var server = status.RootElement.GetProperty("directors")[0].GetProperty("state").GetProperty("virtualServers")
            .EnumerateArray().Single(v => v.GetProperty("name").GetString() == vs);
        return server.GetProperty("realServers").EnumerateArray()
            .OrderBy(r => r.GetProperty("address").GetString(), StringComparer.Ordinal)
            .Select(r => $"{r.GetProperty("activeConnections").GetInt64()}/{r.GetProperty("inactiveConnections").GetInt64()}").ToList();
    }
}
