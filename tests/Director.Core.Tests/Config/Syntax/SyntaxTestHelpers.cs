using Director.Core.Config.Syntax;

namespace Director.Core.Tests.Config.Syntax;

internal static class SyntaxTestHelpers
{
    public const string FileName = "/etc/keepalived/keepalived.conf";

    public static ParseOptions Options(string configId = "main", int seed = 1) =>
        new() { ConfigId = configId, Random = new Random(seed) };

    public static SyntaxTree Parse(string text, ParseOptions? options = null) =>
        KeepalivedSyntax.ParseText(text, FileName, options ?? Options());

    /// <summary>Parses text that must produce no diagnostics.</summary>
    public static IReadOnlyList<ConfigNode> ParseClean(string text, ParseOptions? options = null)
    {
        var tree = Parse(text, options);
        Assert.Empty(tree.Diagnostics.Select(d => d.ToString()));
        return tree.Nodes;
    }

    /// <summary>Each node as "word word ..." with children indented by two spaces per level.</summary>
    public static string Show(IEnumerable<ConfigNode> nodes)
    {
        var lines = new List<string>();
        void Walk(ConfigNode node, int depth)
        {
            lines.Add(new string(' ', depth * 2) + string.Join(' ', node.Words) + (node.HasBlock ? " {" : ""));
            foreach (var child in node.Children) Walk(child, depth + 1);
            if (node.HasBlock) lines.Add(new string(' ', depth * 2) + "}");
        }
        foreach (var node in nodes) Walk(node, 0);
        return string.Join("\n", lines);
    }

    /// <summary>First-level words of each top-level line, one line per node.</summary>
    public static string[] Lines(IEnumerable<ConfigNode> nodes) => nodes.Select(n => string.Join(' ', n.Words)).ToArray();

    public static string[] Messages(SyntaxTree tree) => tree.Diagnostics.Select(d => d.ToString()).ToArray();

    public static string Text(params string[] lines) => string.Join("\n", lines) + "\n";
}

/// <summary>A temporary directory removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "director-syntax-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail the test.
        }
    }
}
