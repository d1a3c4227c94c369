using Akka.Configuration.Hocon;

namespace Director.Core.Config.Hocon;

/// <summary>
/// Reads Akka's parsed HOCON values, working around its quirks (all seen with Akka 1.5.73):
/// whitespace after a value becomes an extra literal element (<c>"a" </c> is <c>"a"</c> + <c>" "</c>);
/// <c>GetString</c> trims quoted whitespace (<c>"  x"</c> gives <c>x</c>), so raw literals are
/// concatenated instead; <c>[]</c> is not reported by <c>IsArray</c>, and <c>[ ]</c> is an array
/// holding one empty value; a quoted <c>"null"</c> reads as null just like the bare literal.
/// </summary>
internal static class HoconValues
{
    public static bool IsNull(HoconValue value)
    {
        var elements = Elements(value);
        return elements.Count == 1 && elements[0] is HoconLiteral { Value: null or "null" };
    }

    public static bool TryGetString(HoconValue value, out string text)
    {
        var elements = Elements(value);
        text = "";
        if (elements.Count == 0) return false;
        if (elements.Count == 1)
        {
            if (elements[0] is not HoconLiteral { Value: { } single } || single == "null") return false;
            text = single;
            return true;
        }
        var parts = new string[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i] is not HoconLiteral literal) return false;
            parts[i] = literal.Value ?? "";
        }
        text = string.Concat(parts);
        return true;
    }

    public static bool TryGetArray(HoconValue value, out List<HoconValue> items)
    {
        var elements = Elements(value);
        items = [];
        if (elements.Count == 0) return false;
        foreach (var element in elements)
        {
            if (element is not HoconArray array) return false;
            foreach (var item in array)
                if (item.Values.Count > 0) items.Add(item);
        }
        return true;
    }

    public static bool TryGetObject(HoconValue value, out HoconObject obj)
    {
        var elements = Elements(value);
        obj = null!;
        if (elements.Count == 0) return false;
        foreach (var element in elements)
            if (element is not HoconObject) return false;
        obj = elements.Count == 1 ? (HoconObject)elements[0] : value.GetObject();
        return true;
    }

    /// <summary>What a value looks like, for "expected ..., got ..." messages.</summary>
    public static string Describe(HoconValue value)
    {
        if (IsNull(value)) return "null";
        if (TryGetString(value, out var text)) return HoconText.Show(text);
        if (TryGetObject(value, out _)) return "an object";
        if (TryGetArray(value, out _)) return "an array";
        return "a mixed value";
    }

    private static List<IHoconElement> Elements(HoconValue value)
    {
        var values = value.Values;
        if (values.Count == 1 && values[0] is not HoconSubstitution) return values;
        var elements = new List<IHoconElement>(value.Values.Count);
        Flatten(value, elements, depth: 0);
        while (elements.Count > 1 && elements[^1] is HoconLiteral { Value: var tail } && string.IsNullOrWhiteSpace(tail))
            elements.RemoveAt(elements.Count - 1);
        return elements;
    }

    private static void Flatten(HoconValue value, List<IHoconElement> into, int depth)
    {
        foreach (var element in value.Values)
        {
            if (element is HoconSubstitution substitution)
            {
                if (substitution.ResolvedValue is { } resolved && depth < 32) Flatten(resolved, into, depth + 1);
            }
            else
            {
                into.Add(element);
            }
        }
    }
}
