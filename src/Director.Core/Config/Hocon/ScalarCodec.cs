using Akka.Configuration.Hocon;

namespace Director.Core.Config.Hocon;

/// <summary>A value written as one token and read from one (possibly quoted) string.</summary>
internal abstract class ScalarCodec : ValueCodec
{
    public abstract string Format(object value);

    public abstract bool TryParse(string text, out object? value);

    public override void Write(HoconEmitter emitter, object value) => emitter.Append(Format(value));

    public override string? FormatInline(object value) => Format(value);

    public override bool TryRead(HoconValue value, HoconPath path, ReadContext context, out object? result)
    {
        if (HoconValues.TryGetString(value, out var text) && TryParse(text, out result)) return true;
        result = null;
        context.Expected(path, Expected, value);
        return false;
    }
}
