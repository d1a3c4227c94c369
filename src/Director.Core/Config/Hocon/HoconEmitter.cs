using System.Text;

namespace Director.Core.Config.Hocon;

/// <summary>Indented text output shared by the codecs while writing one document.</summary>
internal sealed class HoconEmitter(HoconWriteOptions options)
{
    private readonly StringBuilder _text = new(4096);
    private int _level;

    public HoconWriteOptions Options { get; } = options;

    public HoconEmitter Append(string text)
    {
        _text.Append(text);
        return this;
    }

    public HoconEmitter Indent()
    {
        _text.Append(' ', _level * Options.IndentSize);
        return this;
    }

    public HoconEmitter NewLine()
    {
        _text.Append('\n');
        return this;
    }

    public void Enter() => _level++;

    public void Leave() => _level--;

    public override string ToString() => _text.ToString();
}
