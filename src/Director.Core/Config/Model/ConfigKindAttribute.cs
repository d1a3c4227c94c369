namespace Director.Core.Config.Model;

/// <summary>
/// Names a concrete subtype of an abstract model record (e.g. a checker) by its keepalived
/// keyword, so that HOCON can carry <c>type = TCP_CHECK</c> and be read back into the same type.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConfigKindAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
