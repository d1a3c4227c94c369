using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Director.Core.Config.Model;

namespace Director.Core.Config.Hocon;

/// <summary>Chooses (and caches) the codec for each model type.</summary>
internal static class CodecRegistry
{
    private static readonly ConcurrentDictionary<Type, ValueCodec> Cache = new();

    /// <summary>The codec for a non-list type.</summary>
    public static ValueCodec For(Type type) => Cache.GetOrAdd(type, Create);

    /// <summary>
    /// The codec for a property or list element of <paramref name="type"/>, and whether it may be
    /// null (nullable value types, and reference types not declared non-nullable).
    /// </summary>
    public static (ValueCodec Codec, bool AllowsNull) ForSlot(Type type, NullabilityInfo? nullability)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying) return (For(underlying), true);
        var allowsNull = !type.IsValueType && nullability?.ReadState != NullabilityState.NotNull;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableList<>))
        {
            var elementType = type.GetGenericArguments()[0];
            var elementInfo = nullability?.GenericTypeArguments.Length == 1 ? nullability.GenericTypeArguments[0] : null;
            var (element, elementAllowsNull) = ForSlot(elementType, elementInfo);
            return (new ListCodec(elementType, element, elementAllowsNull), allowsNull);
        }
        return (For(type), allowsNull);
    }

    private static ValueCodec Create(Type type)
    {
        if (type == typeof(string)) return StringCodec.Instance;
        if (type == typeof(bool)) return BooleanCodec.Instance;
        if (type == typeof(TimeSpan)) return DurationCodec.Instance;
        if (type == typeof(IPAddress)) return IpAddressCodec.Instance;
        if (type == typeof(double) || type == typeof(float)) return new FloatingCodec(type);
        if (type.IsEnum) return new EnumCodec(type);
        if (IntegerRange(type) is var (min, max)) return new IntegerCodec(type, min, max);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableList<>))
            return ForSlot(type, nullability: null).Codec;
        if (type.IsClass && type.IsAbstract) return new PolymorphicCodec(type);
        if (type.IsClass && !type.IsGenericTypeDefinition && !IsFrameworkOrCollection(type)) return new RecordCodec(type);
        throw new NotSupportedException(
            $"{type.FullName}: not a model type (string, bool, integers, double, TimeSpan, IPAddress, enums, records; collections only as EquatableList<T>).");
    }

    private static bool IsFrameworkOrCollection(Type type) =>
        typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
        || type.Namespace is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal));

    private static (Int128 Min, Int128 Max)? IntegerRange(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Byte => (byte.MinValue, byte.MaxValue),
        TypeCode.SByte => (sbyte.MinValue, sbyte.MaxValue),
        TypeCode.Int16 => (short.MinValue, short.MaxValue),
        TypeCode.UInt16 => (ushort.MinValue, ushort.MaxValue),
        TypeCode.Int32 => (int.MinValue, int.MaxValue),
        TypeCode.UInt32 => (uint.MinValue, uint.MaxValue),
        TypeCode.Int64 => (long.MinValue, long.MaxValue),
        TypeCode.UInt64 => (ulong.MinValue, ulong.MaxValue),
        _ => null,
    };
}
