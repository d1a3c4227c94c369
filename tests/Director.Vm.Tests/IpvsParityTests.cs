using Director.TestSupport.Vm;
using Director.Vm.Tests.Lab;
using Xunit.Abstractions;

namespace Director.Vm.Tests;

/// <summary>
/// Director's IPVS table equals keepalived 2.2.7's for every virtual_server shape of the corpus
/// (tests/corpus/ipvs: every scheduler with its flags, NAT/DR/TUN with tunnel types, persistence
/// with granularity and engine, fwmarks, groups, IPv6, UDP, SCTP, weights, thresholds, per real
/// server methods, inhibit_on_failure, sorry servers): in the VM, keepalived's checker and then
/// the published director run each file in a namespace of their own, and their tables
/// (<c>ipvsadm -Sn</c>, and <c>-Ln --thresholds</c> for what -Sn leaves out) are compared line for line.
/// </summary>
[Collection(VmCollection.Name)]
public sealed class IpvsParityTests(VmFixture fixture, ITestOutputHelper output)
{
    private static string CorpusDirectory => Path.Combine(RepositoryRoot.Path, "tests", "corpus", "ipvs");

    private const string Helpers = """
        # NS SECONDS: true once the IPVS table is non-empty and unchanged over 5 polls 2 s apart
        settled() {
          local ns=$1 end=$((SECONDS + $2)) prev="" cur same=0
          while ((SECONDS < end)); do
            cur=$(ip netns exec $ns ipvsadm -Sn | sort)
            if [ -n "$cur" ] && [ "$cur" = "$prev" ]; then same=$((same + 1)); else same=0; fi
            prev=$cur; ((same >= 5)) && return 0; sleep 2
          done
          return 1
        }
        thresholds() { ip netns exec $1 ipvsadm -Ln --thresholds | awk '$1 ~ /^(TCP|UDP|SCTP|FWM)$/ {s = $1 " " $2} $1 == "->" && $2 != "RemoteAddress:Port" {print s, $2, $3, $4, $5, $6}' | sort; }
        show() { # WHO NAME NS
          echo "BEGIN $1-$2"; lab_table $3; echo "END $1-$2"
          echo "BEGIN $1-thresholds-$2"; thresholds $3; echo "END $1-thresholds-$2"
        }
        """;

    [Fact]
    public async Task Director_installs_the_table_keepalived_installs_for_every_corpus_file()
    {
        var names = Directory.GetFiles(CorpusDirectory, "*.conf").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(names);
        var scenario = Helpers + "\n" + string.Join('\n', names.Select(name => $$"""
            D=$(lab_dir); lab_netns pk-{{name}}; lab_netns pd-{{name}}
            lab_keepalived pk-{{name}} {{CorpusDirectory}}/{{name}}.conf $D
            settled pk-{{name}} 60 || echo "keepalived's table for {{name}} did not settle"
            show keepalived {{name}} pk-{{name}}
            lab_stop $D/keepalived.pid 60 || echo "keepalived did not stop for {{name}}"
            lab_director pd-{{name}} {{CorpusDirectory}}/{{name}}.conf $D
            lab_until 300 grep -q 'kernel services' $D/director.log || echo "director did not start for {{name}}"
            settled pd-{{name}} 300 || echo "director's table for {{name}} did not settle"
            show director {{name}} pd-{{name}}
            grep -E ' (WRN|ERR) ' $D/director.log | grep -v -e 'Persistence failure' -e RecoveryTimedOut -e 'did not respond within' | sed 's/^/director-log: /' | head -20
            lab_stop $D/director.pid 120 || echo "director did not stop for {{name}}"
            """));

        var result = await VmLab.RunAsync(fixture.Vm, scenario, TimeSpan.FromMinutes(40));
        output.WriteLine(result.Output);
        result.EnsureSuccess("the parity scenario");

        var differences = new List<string>();
        foreach (var name in names)
        {
            foreach (var (keepalived, director) in new[] { ($"keepalived-{name}", $"director-{name}"), ($"keepalived-thresholds-{name}", $"director-thresholds-{name}") })
            {
                var expected = VmLab.Section(result, keepalived);
                var actual = VmLab.Section(result, director);
                Assert.True(expected.Length > 0, $"{keepalived}: keepalived installed nothing");
                var missing = expected.Except(actual).Select(l => $"{name}: missing   {l}");
                var extra = actual.Except(expected).Select(l => $"{name}: unexpected {l}");
                differences.AddRange(missing.Concat(extra));
            }
        }

        Assert.True(differences.Count == 0, "director's table differs from keepalived's:\n" + string.Join('\n', differences));
    }
}
