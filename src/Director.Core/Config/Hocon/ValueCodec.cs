using Akka.Configuration.Hocon;

namespace Director.Core.Config.Hocon;

/// <summary>Writes one kind of model value as HOCON and reads it back.</summary>
internal abstract class ValueCodec
{
    /// <summary>What a value of this kind looks like, for "expected ..." messages.</summary>
    public abstract string Expected { get; }

    /// <summary>True when the value is written as a <c>{ ... }</c> block (so its key takes no <c>=</c>).</summary>
    public virtual bool IsObject => false;

    /// <summary>Writes a non-null value at the current position; a block ends at the current indentation.</summary>
    public abstract void Write(HoconEmitter emitter, object value);

    /// <summary>The one-token text of a scalar, or null for values that are not scalars.</summary>
    public virtual string? FormatInline(object value) => null;

    /// <summary>Reads a non-null value; on failure reports at least one error and returns false.</summary>
    public abstract bool TryRead(HoconValue value, HoconPath path, ReadContext context, out object? result);

    /// <summary>Reads a value that may be the <c>null</c> literal when <paramref name="allowsNull"/>.</summary>
    public bool TryReadSlot(HoconValue value, bool allowsNull, HoconPath path, ReadContext context, out object? result)
    {
        if (HoconValues.IsNull(value))
        {
            result = null;
            if (allowsNull) return true;
            context.Expected(path, Expected, value);
            return false;
        }
        return TryRead(value, path, context, out result);
    }
}
