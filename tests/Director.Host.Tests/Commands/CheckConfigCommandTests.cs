using Director.Host.Commands;

namespace Director.Host.Tests.Commands;

public sealed class CheckConfigCommandTests
{
    public static TheoryData<string> ConfigFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repo.Path("config")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigFiles))]
    public void Every_shipped_configuration_is_valid(string name)
    {
        var run = CliRun.Of("check-config", "-f", Repo.Path("config", name));

        Assert.True(run.Exit == ExitCodes.Ok, run.Error);
        Assert.Contains("configuration is valid", run.Out);
    }

    [Fact]
    public void Both_keepalived_and_hocon_forms_of_the_seed_are_shipped()
    {
        foreach (var lb in new[] { "lb1", "lb2" })
        {
            Assert.True(File.Exists(Repo.Path("config", lb + ".keepalived.conf")));
            Assert.True(File.Exists(Repo.Path("config", lb + ".hocon")));
        }
    }

    [Fact]
    public void Keepalived_t_form_checks_too() =>
        Assert.Equal(ExitCodes.Ok, CliRun.Of("-t", "-f", Repo.Path("config", "lb1.keepalived.conf")).Exit);

    public static TheoryData<string, string> BrokenFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var (folder, pattern) in new[] { ("broken", "*.conf"), ("broken-hocon", "*.hocon") })
            foreach (var file in Directory.GetFiles(Repo.Path("tests", "corpus", folder), pattern).Order(StringComparer.Ordinal))
                data.Add(folder, Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Broken_corpus_exits_5_with_the_expected_messages(string folder, string name)
    {
        var path = Repo.Path("tests", "corpus", folder, name);
        var expected = File.ReadAllLines(Path.ChangeExtension(path, ".expected")).Where(l => l.Length > 0).ToArray();
        var hasErrors = expected.Any(l => l.Contains(": error: ", StringComparison.Ordinal));

        var run = CliRun.Of("check-config", "-f", path);

        // A corpus file with warnings only (e.g. sync-group weights) is valid: exit 0, warnings printed.
        Assert.Equal(hasErrors ? ExitCodes.ConfigErrors : ExitCodes.Ok, run.Exit);
        var prefix = Path.GetDirectoryName(path) + Path.DirectorySeparatorChar;
        var lines = run.ErrorLines.Select(l => l.Replace(prefix, "")).ToArray();
        foreach (var line in expected)
            Assert.Contains(line, lines);
        if (hasErrors)
            Assert.EndsWith("configuration is not valid", lines[^1]);
    }

    [Fact]
    public void A_missing_file_exits_4() =>
        Assert.Equal(ExitCodes.FileUnreadable, CliRun.Of("check-config", "-f", Repo.Path("config", "no-such-file.conf")).Exit);
}
