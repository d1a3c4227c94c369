using System.Reflection;

namespace Director.Core.Config.Hocon;

/// <summary>
/// The mapped properties of one concrete model record (base-class properties first, then
/// declaration order), and a fresh instance whose values are the defaults.
/// </summary>
internal sealed class RecordShape
{
    private RecordShape(Type type, PropertyMap[] properties)
    {
        Type = type;
        Properties = properties;
        ByKey = properties.ToDictionary(p => p.Key, StringComparer.Ordinal);
        Defaults = Create();
    }

    public Type Type { get; }

    public IReadOnlyList<PropertyMap> Properties { get; }

    public IReadOnlyDictionary<string, PropertyMap> ByKey { get; }

    /// <summary>A fresh instance, never handed out: the reference for omitted defaults.</summary>
    public object Defaults { get; }

    public object Create() => Activator.CreateInstance(Type)!;

    public static RecordShape Build(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
            throw new NotSupportedException(
                $"{type.FullName}: model records need a public parameterless constructor (object-initializer style).");
        var nullability = new NullabilityInfoContext();
        var properties = new List<PropertyMap>();
        foreach (var property in MappedProperties(type))
        {
            var info = nullability.Create(property);
            var (codec, allowsNull) = CodecRegistry.ForSlot(property.PropertyType, info);
            var key = property.GetCustomAttribute<HoconKeyAttribute>()?.Key ?? SnakeCase.FromPascal(property.Name);
            properties.Add(new PropertyMap(key, property, codec, allowsNull));
        }
        var clash = properties.GroupBy(p => p.Key).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new NotSupportedException(
                $"{type.FullName}: properties {string.Join(", ", clash.Select(p => p.Property.Name))} all map to key '{clash.Key}'; use [HoconKey].");
        return new RecordShape(type, properties.ToArray());
    }

    private static IEnumerable<PropertyInfo> MappedProperties(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) chain.Insert(0, t);
        foreach (var declaring in chain)
        {
            var declared = declaring
                .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } && p.SetMethod is { IsPublic: true })
                .OrderBy(p => p.MetadataToken);
            foreach (var property in declared)
            {
                // An override re-declares a base property: keep it once, at the base position.
                if (property.GetMethod!.GetBaseDefinition().DeclaringType != declaring) continue;
                yield return property;
            }
        }
    }
}
