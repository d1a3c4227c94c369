using System.Text.RegularExpressions;
using Director.Core.Balancing.Policy;
using Director.Core.Config.Binding;
using Director.Native.Ipvs;
using E = Director.Native.Ipvs.IpvsMessageEncoder;

namespace Director.Native.Tests.Ipvs;

/// <summary>
/// For each tests/corpus/ipvs/NAME.conf, the IPVS table keepalived 2.2.7's checker installed from
/// it (NAME.keepalived.ipvs: <c>ipvsadm -Sn</c>, and NAME.keepalived.thresholds:
/// <c>ipvsadm -Ln --thresholds</c>, both captured inside the VM with Debian's IPVS kernel) against
/// the table director computes at start from the same file: every service and destination
/// message director would send, attribute for attribute, equals what ipvsadm 1.31 sends for the
/// line keepalived's table printed as.
/// </summary>
public sealed partial class KeepalivedTableParityTests : IClassFixture<IpvsadmCapture>
{
    private readonly IpvsadmCapture _ipvsadm;

    public KeepalivedTableParityTests(IpvsadmCapture ipvsadm) => _ipvsadm = ipvsadm;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var table in Directory.GetFiles(CorpusDirectory, "*.keepalived.ipvs").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(table).Replace(".keepalived.ipvs", "", StringComparison.Ordinal));
        return data;
    }

    [Fact]
    public void Every_corpus_file_has_keepalived_s_table() =>
        Assert.All(Directory.GetFiles(CorpusDirectory, "*.conf"), conf =>
        {
            Assert.True(File.Exists(Path.ChangeExtension(conf, ".keepalived.ipvs")), $"{conf}: keepalived's table is missing");
            Assert.True(File.Exists(Path.ChangeExtension(conf, ".keepalived.thresholds")), $"{conf}: keepalived's thresholds are missing");
        });

    [Theory]
    [MemberData(nameof(Files))]
    public void Director_installs_the_table_keepalived_installs(string name)
    {
        var expected = KeepalivedCommands(name).Select(c => Normalize(_ipvsadm.RunCommand(c))).Order(StringComparer.Ordinal).ToList();
        var actual = DirectorMessages(name).Select(Normalize).Order(StringComparer.Ordinal).ToList();

        var missing = expected.Except(actual).Select(m => "missing (keepalived has it):\n" + m);
        var unexpected = actual.Except(expected).Select(m => "unexpected (director only):\n" + m);
        var differences = missing.Concat(unexpected).ToList();
        Assert.True(differences.Count == 0, string.Join('\n', differences));
        Assert.Equal(expected.Count, actual.Count);
    }

    private static string CorpusDirectory { get; } = FindCorpus();

    /// <summary>keepalived's <c>ipvsadm -Sn</c> lines as ipvsadm commands, with the thresholds -Sn leaves out.</summary>
    private static IEnumerable<string[]> KeepalivedCommands(string name)
    {
        var thresholds = Thresholds(File.ReadAllLines(Path.Combine(CorpusDirectory, name + ".keepalived.thresholds")));
        foreach (var line in File.ReadAllLines(Path.Combine(CorpusDirectory, name + ".keepalived.ipvs")).Where(l => l.Length > 0))
        {
            var words = line.Split(' ').ToList();
            if (words[0] == "-a")
            {
                var service = words[2];
                var server = words[words.IndexOf("-r") + 1];
                if (thresholds.TryGetValue((service, server), out var t))
                {
                    if (t.Upper != "0") words.AddRange(["-x", t.Upper]);
                    if (t.Lower != "0") words.AddRange(["-y", t.Lower]);
                }
            }

            yield return words.ToArray();
        }
    }

    /// <summary>(service, real server) to (upper, lower) from <c>ipvsadm -Ln --thresholds</c> (columns: server, Uthreshold, Lthreshold, ActiveConn, InActConn).</summary>
    private static Dictionary<(string, string), (string Upper, string Lower)> Thresholds(string[] lines)
    {
        var result = new Dictionary<(string, string), (string, string)>();
        var service = "";
        foreach (var line in lines)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && words[0] is "TCP" or "UDP" or "SCTP" or "FWM") service = words[1];
            else if (words.Length >= 4 && words[0] == "->" && words[1] != "RemoteAddress:Port")
                result[(service, words[1])] = (words[2], words[3]);
        }

        return result;
    }

    /// <summary>What director sends at start: each virtual server's services as its policy starts them.</summary>
    private static IEnumerable<byte[]> DirectorMessages(string name)
    {
        var loaded = KeepalivedConfigLoader.Load(Path.Combine(CorpusDirectory, name + ".conf"));
        var config = loaded.Config ?? throw new InvalidOperationException(string.Join('\n', loaded.Diagnostics));
        foreach (var vs in config.VirtualServer)
        {
            foreach (var service in VirtualServerPolicy.Services(config, vs, VirtualServerPolicy.Start(vs).State))
            {
                var key = IpvsTableMapping.ToIpvs(service.Key);
                yield return E.NewService(IpvsadmCapture.FakeFamilyId, IpvsTableMapping.ToIpvs(service));
                foreach (var destination in service.Destinations)
                    yield return E.NewDestination(IpvsadmCapture.FakeFamilyId, key, IpvsTableMapping.ToIpvs(destination));
            }
        }
    }

    /// <summary>
    /// The attribute tree, with an IPv4 destination's address cut to the 4 bytes the kernel reads
    /// (ipvsadm leaves bytes of an earlier parse in the rest of the 16-byte union).
    /// </summary>
    private static string Normalize(byte[] message)
    {
        var text = IpvsAttributeTree.Render(message);
        var destination = text.IndexOf("  DEST [nested]", StringComparison.Ordinal);
        if (destination < 0 || !text.Contains("    ADDR_FAMILY = 0200", StringComparison.Ordinal)) return text;
        return text[..destination] + DestinationAddress().Replace(text[destination..], m => m.Groups[1].Value);
    }

    [GeneratedRegex(@"(    ADDR = [0-9a-f]{8})[0-9a-f]{24}")]
    private static partial Regex DestinationAddress();

    private static string FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "corpus", "ipvs");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException("tests/corpus/ipvs not found above " + AppContext.BaseDirectory);
    }
}
