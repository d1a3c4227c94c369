namespace Director.Core.Tests.Config.Model;

/// <summary>Finds tests/corpus by walking up from the test binaries (no copy step needed).</summary>
internal static class Corpus
{
    public static string Directory { get; } = Find();

    public static string Valid => Path.Combine(Directory, "valid");

    public static string Broken => Path.Combine(Directory, "broken");

    public static TheoryData<string> Files(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(Directory, folder), "*.conf").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "corpus");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/corpus not found above " + AppContext.BaseDirectory);
    }
}
