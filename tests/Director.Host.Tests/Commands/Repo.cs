namespace Director.Host.Tests.Commands;

/// <summary>The repository root, found by walking up from the test binaries to the folder holding config/ and tests/corpus/.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(System.IO.Path.Combine(dir.FullName, "tests", "corpus")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "config")))
                return dir.FullName;
        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
