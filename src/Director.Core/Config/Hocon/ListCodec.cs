using System.Collections;
using System.Reflection;
using Akka.Configuration.Hocon;
using Director.Core.Config.Model;

namespace Director.Core.Config.Hocon;

/// <summary>
/// <see cref="EquatableList{T}"/> as a HOCON array: scalars inline while short, otherwise one
/// element per line; <c>[]</c> when empty.
/// </summary>
internal sealed class ListCodec : ValueCodec
{
    private static readonly MethodInfo CreateListMethod =
        typeof(ListCodec).GetMethod(nameof(CreateList), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ValueCodec _element;
    private readonly bool _elementAllowsNull;
    private readonly Func<object?[], object> _create;

    public ListCodec(Type elementType, ValueCodec element, bool elementAllowsNull)
    {
        _element = element;
        _elementAllowsNull = elementAllowsNull;
        _create = CreateListMethod.MakeGenericMethod(elementType).CreateDelegate<Func<object?[], object>>();
    }

    public override string Expected => "an array";

    public override void Write(HoconEmitter emitter, object value)
    {
        var items = ((IEnumerable)value).Cast<object?>().ToArray();
        if (items.Length == 0)
        {
            emitter.Append("[]");
            return;
        }
        var inline = TryInline(items, emitter.Options.InlineArrayWidth);
        if (inline is not null)
        {
            emitter.Append(inline);
            return;
        }
        emitter.Append("[").NewLine();
        emitter.Enter();
        for (var i = 0; i < items.Length; i++)
        {
            emitter.Indent();
            if (items[i] is { } item) _element.Write(emitter, item);
            else emitter.Append("null");
            if (i < items.Length - 1) emitter.Append(",");
            emitter.NewLine();
        }
        emitter.Leave();
        emitter.Indent().Append("]");
    }

    public override bool TryRead(HoconValue value, HoconPath path, ReadContext context, out object? result)
    {
        result = null;
        if (!HoconValues.TryGetArray(value, out var items))
        {
            context.Expected(path, Expected, value);
            return false;
        }
        var read = new object?[items.Count];
        var ok = true;
        for (var i = 0; i < items.Count; i++)
            ok &= _element.TryReadSlot(items[i], _elementAllowsNull, path.Item(i), context, out read[i]);
        if (!ok) return false;
        result = _create(read);
        return true;
    }

    private string? TryInline(object?[] items, int width)
    {
        var parts = new string[items.Length];
        var length = 2;
        for (var i = 0; i < items.Length; i++)
        {
            var part = items[i] is { } item ? _element.FormatInline(item) : "null";
            if (part is null) return null;
            parts[i] = part;
            length += part.Length + 2;
            if (length > width) return null;
        }
        return "[" + string.Join(", ", parts) + "]";
    }

    private static object CreateList<T>(object?[] items)
    {
        var typed = new T[items.Length];
        for (var i = 0; i < items.Length; i++) typed[i] = (T)items[i]!;
        return new EquatableList<T>(typed);
    }
}
