using Director.Core.Tests.Config.Model;

namespace Director.Core.Tests.Config.Topology;

/// <summary>Every keepalived.conf of the repository: config/*.keepalived.conf, tests/corpus/valid/*.conf and tests/corpus/ipvs/*.conf.</summary>
internal static class ConfigFiles
{
    public static string RepoRoot => Path.GetDirectoryName(Path.GetDirectoryName(Corpus.Directory))!;

    public static IEnumerable<string> KeepalivedFiles() =>
        Directory.GetFiles(Path.Combine(RepoRoot, "config"), "*.keepalived.conf")
            .Concat(Directory.GetFiles(Corpus.Valid, "*.conf"))
            .Concat(Directory.GetFiles(Path.Combine(Corpus.Directory, "ipvs"), "*.conf"))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Relative()
    {
        var data = new TheoryData<string>();
        foreach (var file in KeepalivedFiles()) data.Add(Path.GetRelativePath(RepoRoot, file));
        return data;
    }

    public static string Full(string relative) => Path.Combine(RepoRoot, relative);
}
