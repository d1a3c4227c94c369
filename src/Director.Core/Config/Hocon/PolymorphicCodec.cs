using System.Reflection;
using Akka.Configuration.Hocon;
using Director.Core.Config.Model;

namespace Director.Core.Config.Hocon;

/// <summary>
/// An abstract model record as a block carrying <c>type = "KIND"</c>. The kinds are the
/// <see cref="ConfigKindAttribute"/> names (or, lacking one, the class names) of the concrete
/// subtypes declared in the abstract type's assembly.
/// </summary>
internal sealed class PolymorphicCodec : ValueCodec
{
    public const string DiscriminatorKey = "type";

    private readonly Type _baseType;
    private readonly Lazy<Dictionary<string, RecordCodec>> _byKind;
    private readonly Lazy<Dictionary<Type, string>> _kindOf;

    public PolymorphicCodec(Type baseType)
    {
        _baseType = baseType;
        _byKind = new(BuildKinds);
        _kindOf = new(() => _byKind.Value.ToDictionary(k => k.Value.Shape.Type, k => k.Key));
    }

    public override string Expected => $"an object with {DiscriminatorKey} = one of {string.Join(", ", _byKind.Value.Keys)}";

    public override bool IsObject => true;

    public override void Write(HoconEmitter emitter, object value)
    {
        if (!_kindOf.Value.TryGetValue(value.GetType(), out var kind))
            throw new NotSupportedException(
                $"{value.GetType().FullName} is not a concrete subtype of {_baseType.FullName} declared in {_baseType.Assembly.GetName().Name}.");
        _byKind.Value[kind].WriteBlock(emitter, value, kind);
    }

    public override bool TryRead(HoconValue value, HoconPath path, ReadContext context, out object? result)
    {
        result = null;
        if (!HoconValues.TryGetObject(value, out var obj))
        {
            context.Expected(path, Expected, value);
            return false;
        }
        var typePath = path.Child(DiscriminatorKey);
        if (!obj.Items.TryGetValue(DiscriminatorKey, out var kindValue))
        {
            context.Error(typePath, $"missing; expected one of {string.Join(", ", _byKind.Value.Keys)}");
            return false;
        }
        if (!HoconValues.TryGetString(kindValue, out var kind) || FindKind(kind) is not { } codec)
        {
            context.Expected(typePath, $"one of {string.Join(", ", _byKind.Value.Keys)}", kindValue);
            return false;
        }
        var ok = codec.TryReadObject(obj, path, context, DiscriminatorKey, out var instance);
        result = instance;
        return ok;
    }

    private RecordCodec? FindKind(string kind)
    {
        var kinds = _byKind.Value;
        if (kinds.TryGetValue(kind, out var exact)) return exact;
        return kinds.FirstOrDefault(k => string.Equals(k.Key, kind, StringComparison.OrdinalIgnoreCase)).Value;
    }

    private Dictionary<string, RecordCodec> BuildKinds()
    {
        var kinds = new SortedDictionary<string, RecordCodec>(StringComparer.Ordinal);
        foreach (var type in _baseType.Assembly.GetTypes())
        {
            if (type.IsAbstract || !_baseType.IsAssignableFrom(type) || type.IsGenericTypeDefinition) continue;
            var kind = type.GetCustomAttribute<ConfigKindAttribute>()?.Name ?? type.Name;
            if (!kinds.TryAdd(kind, (RecordCodec)CodecRegistry.For(type)))
                throw new NotSupportedException($"{_baseType.FullName}: two subtypes share the kind '{kind}'.");
            if (kinds[kind].Shape.ByKey.ContainsKey(DiscriminatorKey))
                throw new NotSupportedException(
                    $"{type.FullName}: a property maps to '{DiscriminatorKey}', which is reserved for the subtype of {_baseType.Name}.");
        }
        if (kinds.Count == 0)
            throw new NotSupportedException($"{_baseType.FullName}: no concrete subtype in {_baseType.Assembly.GetName().Name}.");
        return new Dictionary<string, RecordCodec>(kinds, StringComparer.Ordinal);
    }
}
