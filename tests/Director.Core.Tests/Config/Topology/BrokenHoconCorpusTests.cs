using Director.Core.Config.Validation;
using Director.Core.Tests.Config.Model;

namespace Director.Core.Tests.Config.Topology;

/// <summary>tests/corpus/broken-hocon/NAME.hocon gives exactly the diagnostics of NAME.expected (file:line of the key and HOCON path).</summary>
public sealed class BrokenHoconCorpusTests
{
    public static string Folder => Path.Combine(Corpus.Directory, "broken-hocon");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.hocon").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Broken_hocon_reports_exactly_the_expected_diagnostics(string name)
    {
        var path = Path.Combine(Folder, name);
        var result = HoconConfigLoader.Load(path);
        var prefix = Path.GetFullPath(Folder) + Path.DirectorySeparatorChar;
        var actual = result.Diagnostics.Select(d => d.ToString().Replace(prefix, "")).ToArray();
        var expectedPath = Path.ChangeExtension(path, ".expected");
        if (Environment.GetEnvironmentVariable("DIRECTOR_UPDATE_CORPUS") == "1")
            File.WriteAllLines(expectedPath, actual);

        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).ToArray();

        Assert.Equal(expected, actual);
        Assert.Null(result.Config);
    }
}
