using Director.Core.Config.Binding;

namespace Director.Core.Tests.Config.Model;

public sealed class CorpusTests
{
    public static TheoryData<string> ValidFiles => Corpus.Files("valid");

    public static TheoryData<string> BrokenFiles => Corpus.Files("broken");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_configuration_loads_without_errors(string name)
    {
        var result = KeepalivedConfigLoader.Load(Path.Combine(Corpus.Valid, name));

        Assert.True(result.Config is not null, string.Join('\n', result.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Broken_configuration_reports_exactly_the_expected_diagnostics(string name)
    {
        var path = Path.Combine(Corpus.Broken, name);
        var result = KeepalivedConfigLoader.Load(path);
        var prefix = Path.GetFullPath(Corpus.Broken) + Path.DirectorySeparatorChar;
        var actual = result.Diagnostics.Select(d => d.ToString().Replace(prefix, "")).ToArray();
        var expectedPath = Path.ChangeExtension(path, ".expected");
        if (Environment.GetEnvironmentVariable("DIRECTOR_UPDATE_CORPUS") == "1")
            File.WriteAllLines(expectedPath, actual);

        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).ToArray();

        Assert.Equal(expected, actual);
        Assert.Equal(expected.Any(l => l.Contains(": error: ")), result.Config is null);
    }

    [Fact]
    public void Every_broken_configuration_has_an_expected_file()
    {
        foreach (var conf in Directory.GetFiles(Corpus.Broken, "*.conf"))
            Assert.True(File.Exists(Path.ChangeExtension(conf, ".expected")), conf);
    }
}
