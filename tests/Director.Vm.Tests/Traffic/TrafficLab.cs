using System.Globalization;
using Director.TestSupport.Vm;

namespace Director.Vm.Tests.Traffic;

/// <summary>
/// Builds the bash scripts of the traffic tests: traffic-lab.sh (client, director, router and three
/// HTTP real servers in namespaces tr-* inside the VM, removed at exit) plus a test's own steps.
/// The steps print key=value lines; <see cref="Values"/> reads them back for the assertions.
/// </summary>
internal static class TrafficLab
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(12);

    private static string LabScript => Path.Combine(AppContext.BaseDirectory, "Traffic", "traffic-lab.sh");

    public static string Script(string steps) => $"""
        DIRECTOR={VmArtifacts.PublishedDirector}
        source {LabScript}
        lab_up
        {steps}
        """;

    /// <summary>A bash word holding <paramref name="text"/> verbatim (a quoted here-document).</summary>
    public static string Literal(string text) => $"\"$(cat <<'DIRECTOR_CONF'\n{text}\nDIRECTOR_CONF\n)\"";

    /// <summary>The key=value lines of <paramref name="output"/> (the last one wins).</summary>
    public static Dictionary<string, string> Values(string output)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && !line[..eq].Contains(' ', StringComparison.Ordinal)) values[line[..eq]] = line[(eq + 1)..].TrimEnd('\r');
        }
        return values;
    }

    /// <summary>The count under <paramref name="key"/>, 0 when absent (no answer of that kind).</summary>
    public static int Count(this Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : 0;

    /// <summary>The lines of <paramref name="output"/> starting with "<paramref name="tag"/>: ", without the tag.</summary>
    public static List<string> Tagged(string output, string tag) => output.Split('\n')
        .Where(l => l.StartsWith(tag + ": ", StringComparison.Ordinal))
        .Select(l => l[(tag.Length + 2)..].TrimEnd('\r'))
        .ToList();

    /// <summary>A real server block with a TCP_CHECK (keepalived's defaults otherwise).</summary>
    public static string RealServer(int i, int weight) => $$"""
          real_server 10.0.1.{{i}} 80 {
            weight {{weight}}
            TCP_CHECK {
              connect_timeout 2
              retry 1
              delay_before_retry 1
            }
          }
        """;

    public static string VirtualServer(int vip, string scheduler, string kind, string extra, params (int Server, int Weight)[] servers) => $$"""
        virtual_server 10.0.0.{{vip}} 80 {
          delay_loop 2
          lb_algo {{scheduler}}
          lb_kind {{kind}}
          protocol TCP
        {{extra}}
        {{string.Join("\n", servers.Select(s => RealServer(s.Server, s.Weight)))}}
        }
        """;
}
