namespace Director.Core.Config.Syntax;

/// <summary>
/// Entry point of the keepalived.conf language: reads text (following includes, definitions,
/// conditions and generators) into a tree of <see cref="ConfigNode"/>. Problems are collected as
/// diagnostics; reading never stops at the first one.
/// </summary>
public static class KeepalivedSyntax
{
    public static SyntaxTree ParseFile(string path, ParseOptions? options = null)
    {
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SyntaxTree([],
                [ConfigDiagnostic.Error(new SourceLocation(fullPath, 0), $"cannot read configuration file: {e.Message}")]);
        }
        return Parse(text, fullPath, fullPath, options);
    }

    /// <summary>
    /// Reads configuration text. <paramref name="fileName"/> names it in locations; relative
    /// includes and <c>${_PWD}</c> use <paramref name="baseDirectory"/>, by default the directory of
    /// <paramref name="fileName"/>.
    /// </summary>
    public static SyntaxTree ParseText(string text, string fileName, ParseOptions? options = null, string? baseDirectory = null)
    {
        var fullPath = Path.GetFullPath(baseDirectory is null ? fileName : Path.Combine(baseDirectory, Path.GetFileName(fileName)));
        return Parse(text, fullPath, fileName, options);
    }

    private static SyntaxTree Parse(string text, string fullPath, string displayName, ParseOptions? options)
    {
        var diagnostics = new List<ConfigDiagnostic>();
        var directory = Path.GetDirectoryName(fullPath) ?? "/";
        var builder = new TreeBuilder(diagnostics);
        new Preprocessor(options ?? new ParseOptions(), directory, diagnostics, builder.Add).Run(fullPath, displayName, text);
        return new SyntaxTree(builder.Finish(), diagnostics);
    }
}
