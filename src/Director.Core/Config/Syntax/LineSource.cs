namespace Director.Core.Config.Syntax;

/// <summary>Where the preprocessor takes its next raw line from; sources are stacked.</summary>
internal abstract class LineSource
{
    public abstract bool TryNext(out string text, out SourceLocation location);
}

/// <summary>The lines of one configuration file; these still need comment stripping.</summary>
internal sealed class FileLineSource(string path, string displayName, string text) : LineSource
{
    private readonly string[] _lines = text.Split('\n');
    private int _next;

    public string Path { get; } = path;

    public string Directory { get; } = System.IO.Path.GetDirectoryName(path) ?? "/";

    /// <summary>Set once the first line was read: the file is part of the include chain.</summary>
    public bool Started { get; private set; }

    public override bool TryNext(out string text, out SourceLocation location)
    {
        Started = true;
        location = new SourceLocation(displayName, _next + 1);
        if (_next >= _lines.Length)
        {
            text = "";
            return false;
        }
        text = _lines[_next++].TrimEnd('\r');
        return true;
    }
}

/// <summary>Already processed text to read again: a brace residue or the lines of a multi-line definition.</summary>
internal sealed class TextLineSource(IEnumerable<string> lines, SourceLocation location) : LineSource
{
    private readonly IEnumerator<string> _lines = lines.GetEnumerator();

    public override bool TryNext(out string text, out SourceLocation at)
    {
        at = location;
        if (_lines.MoveNext())
        {
            text = _lines.Current;
            return true;
        }
        text = "";
        return false;
    }
}

/// <summary>The lines of a ~SEQ / ~LST generator, defining its variables before each one.</summary>
internal sealed class GeneratorLineSource(LineGenerator generator, DefinitionTable definitions, SourceLocation location) : LineSource
{
    public override bool TryNext(out string text, out SourceLocation at)
    {
        at = location;
        if (generator.MoveNext(definitions))
        {
            text = generator.Template;
            return true;
        }
        text = "";
        return false;
    }
}
