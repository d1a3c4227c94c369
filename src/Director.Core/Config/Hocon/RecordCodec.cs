using Akka.Configuration.Hocon;

namespace Director.Core.Config.Hocon;

/// <summary>A concrete model record as a <c>{ key = value ... }</c> block.</summary>
internal sealed class RecordCodec(Type type) : ValueCodec
{
    private readonly Lazy<RecordShape> _shape = new(() => RecordShape.Build(type));

    public RecordShape Shape => _shape.Value;

    public override string Expected => "an object";

    public override bool IsObject => true;

    public override void Write(HoconEmitter emitter, object value) => WriteBlock(emitter, value, discriminator: null);

    /// <summary>Writes the block, with <c>type = "..."</c> first when <paramref name="discriminator"/> is given.</summary>
    public void WriteBlock(HoconEmitter emitter, object value, string? discriminator)
    {
        var shape = Shape;
        var writeDefaults = emitter.Options.WriteDefaults;
        var opened = false;
        if (discriminator is not null)
        {
            Open(emitter, ref opened);
            emitter.Indent().Append(PolymorphicCodec.DiscriminatorKey).Append(" = ").Append(HoconText.QuoteString(discriminator)).NewLine();
        }
        foreach (var property in shape.Properties)
        {
            var propertyValue = property.Property.GetValue(value);
            var defaultValue = property.Property.GetValue(shape.Defaults);
            if (propertyValue is null)
            {
                // Omitted would read back as the default, so a null that differs from it is explicit.
                if (defaultValue is null) continue;
                Open(emitter, ref opened);
                emitter.Indent().Append(HoconText.Key(property.Key)).Append(" = null").NewLine();
                continue;
            }
            if (!writeDefaults && propertyValue.Equals(defaultValue)) continue;
            Open(emitter, ref opened);
            emitter.Indent().Append(HoconText.Key(property.Key)).Append(property.Codec.IsObject ? " " : " = ");
            property.Codec.Write(emitter, propertyValue);
            emitter.NewLine();
        }
        if (!opened)
        {
            emitter.Append("{}");
            return;
        }
        emitter.Leave();
        emitter.Indent().Append("}");
    }

    public override bool TryRead(HoconValue value, HoconPath path, ReadContext context, out object? result)
    {
        result = null;
        if (!HoconValues.TryGetObject(value, out var obj))
        {
            context.Expected(path, Expected, value);
            return false;
        }
        var ok = TryReadObject(obj, path, context, discriminator: null, out var instance);
        result = instance;
        return ok;
    }

    /// <summary>Fills a fresh instance from the object's keys; unknown keys are warnings.</summary>
    public bool TryReadObject(HoconObject obj, HoconPath path, ReadContext context, string? discriminator, out object instance)
    {
        var shape = Shape;
        instance = shape.Create();
        var ok = true;
        foreach (var (key, item) in obj.Items)
        {
            if (key == discriminator) continue;
            var itemPath = path.Child(key);
            if (!shape.ByKey.TryGetValue(key, out var property))
            {
                context.Warning(itemPath, KeySuggestion.For(key, shape.ByKey.Keys) is { } near
                    ? $"unknown key in {shape.Type.Name}, ignored (did you mean {near}?)"
                    : $"unknown key in {shape.Type.Name}, ignored");
                continue;
            }
            if (property.Codec.TryReadSlot(item, property.AllowsNull, itemPath, context, out var read))
                property.Property.SetValue(instance, read);
            else
                ok = false;
        }
        return ok;
    }

    private static void Open(HoconEmitter emitter, ref bool opened)
    {
        if (opened) return;
        opened = true;
        emitter.Append("{").NewLine();
        emitter.Enter();
    }
}
