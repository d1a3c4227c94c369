using Director.Core.Config.Syntax;

namespace Director.Core.Config.Binding;

/// <summary>Reads a keepalived.conf (syntax, then binding and validation) into the typed model.</summary>
public static class KeepalivedConfigLoader
{
    public static ConfigLoadResult Load(string path, ParseOptions? options = null) =>
        KeepalivedBinder.Bind(KeepalivedSyntax.ParseFile(path, options));

    public static ConfigLoadResult LoadText(string text, string fileName, ParseOptions? options = null) =>
        KeepalivedBinder.Bind(KeepalivedSyntax.ParseText(text, fileName, options));
}
