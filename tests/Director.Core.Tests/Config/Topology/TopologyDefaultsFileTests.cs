using Director.Core.Config.Binding;
using Director.Core.Config.Validation;
using Director.Core.Tests.Config.Model;

namespace Director.Core.Tests.Config.Topology;

/// <summary>hocon/topology-defaults.conf documents the real defaults: it reads back to the model of its keepalived.conf source.</summary>
public sealed class TopologyDefaultsFileTests
{
    [Fact]
    public void The_documented_defaults_are_the_models_defaults()
    {
        var hocon = HoconConfigLoader.Load(Path.Combine(ConfigFiles.RepoRoot, "hocon", "topology-defaults.conf"));
        var source = KeepalivedConfigLoader.Load(Path.Combine(Corpus.Directory, "defaults", "topology-defaults.keepalived.conf"));

        Assert.True(hocon.Config is not null, string.Join('\n', hocon.Diagnostics));
        Assert.DoesNotContain(hocon.Diagnostics, d => d.IsError);
        Assert.Equal(source.Config, hocon.Config);
    }

    [Fact]
    public void Every_key_has_a_comment_line_above_it_or_is_an_item_name()
    {
        var lines = File.ReadAllLines(Path.Combine(ConfigFiles.RepoRoot, "hocon", "topology-defaults.conf"));
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('{') || line.StartsWith('}') || line.StartsWith(']') || line.StartsWith("name =") || line.StartsWith("check =")) continue;
            if (char.IsAsciiLetterLower(line[0]))
                Assert.True(lines[i - 1].Trim().StartsWith('#') || lines[i - 1].Trim() == "{" && lines[i - 2].Trim().StartsWith('#') || IsInListOfInline(lines, i),
                    $"line {i + 1} has no comment: {line}");
        }
    }

    private static bool IsInListOfInline(string[] lines, int i) => !lines[i].Contains('=');
}
