using Director.Core.Config.Binding;
using Director.Core.Config.Syntax;
using Director.Core.Config.Validation;
using Director.Host.Commands;

namespace Director.Host.Tests.Commands;

public sealed class ConvertAndDumpCommandTests
{
    public static TheoryData<string> KeepalivedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repo.Path("config"), "*.keepalived.conf")
                     .Concat(Directory.GetFiles(Repo.Path("tests", "corpus", "valid"), "*.conf")).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Repo.Root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(KeepalivedFiles))]
    public void Convert_output_reads_back_to_the_same_model(string file)
    {
        var source = Repo.Path(file);
        foreach (var defaults in new[] { false, true })
        {
            var args = defaults ? new[] { "convert", "-f", source, "--defaults" } : ["convert", "-f", source];
            var run = CliRun.Of(args);
            Assert.True(run.Exit == ExitCodes.Ok, run.Error);

            var read = HoconConfigLoader.LoadText(run.Out, file + ".hocon");

            Assert.True(read.Config is not null, string.Join('\n', read.Diagnostics));
            Assert.Equal(KeepalivedConfigLoader.Load(source).Config, read.Config);
        }
    }

    [Fact]
    public void Shipped_hocon_is_what_convert_prints_today()
    {
        foreach (var lb in new[] { "lb1", "lb2" })
        {
            var run = CliRun.Of("convert", "-f", Repo.Path("config", lb + ".keepalived.conf"));
            Assert.Equal(File.ReadAllText(Repo.Path("config", lb + ".hocon")), run.Out);
        }
    }

    [Fact]
    public void Convert_writes_to_the_output_file()
    {
        var output = Path.Combine(Path.GetTempPath(), $"director-convert-{Guid.NewGuid():N}.hocon");
        try
        {
            var run = CliRun.Of("convert", "-f", Repo.Path("config", "lb1.keepalived.conf"), "-o", output);
            Assert.Equal(ExitCodes.Ok, run.Exit);
            Assert.Equal("", run.Out);
            Assert.Equal(ExitCodes.Ok, CliRun.Of("check-config", "-f", output).Exit);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Convert_of_a_broken_file_exits_5() =>
        Assert.Equal(ExitCodes.ConfigErrors, CliRun.Of("convert", "-f", Repo.Path("tests", "corpus", "broken", "vrid-range.conf")).Exit);

    [Theory]
    [MemberData(nameof(KeepalivedFiles))]
    public void Dump_config_output_reparses_to_the_same_nodes(string file)
    {
        var source = Repo.Path(file);
        var run = CliRun.Of("dump-config", "-f", source);
        Assert.True(run.Exit == ExitCodes.Ok, run.Error);

        var original = KeepalivedSyntax.ParseFile(source, new ParseOptions());
        var dumped = KeepalivedSyntax.ParseText(run.Out, "dump.conf", new ParseOptions());

        Assert.Equal(Shape(original.Nodes), Shape(dumped.Nodes));
    }

    [Fact]
    public void Help_speaks_keepalived()
    {
        var run = CliRun.Of("--help");
        Assert.Equal(ExitCodes.Ok, run.Exit);
        foreach (var word in new[] { "check-config", "convert", "dump-config", "-t", "-f", "--use-file", "--dont-fork", "--vrrp", "--check" })
            Assert.Contains(word, run.Out);
    }

    private static List<string> Shape(IEnumerable<ConfigNode> nodes)
    {
        var lines = new List<string>();
        void Walk(IEnumerable<ConfigNode> level, int depth)
        {
            foreach (var node in level)
            {
                lines.Add(new string(' ', depth) + string.Join(' ', node.Words) + (node.HasBlock ? " {" : ""));
                Walk(node.Children, depth + 1);
            }
        }
        Walk(nodes, 0);
        return lines;
    }
}
