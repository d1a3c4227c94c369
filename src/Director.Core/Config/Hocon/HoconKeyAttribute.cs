namespace Director.Core.Config.Hocon;

/// <summary>
/// Overrides the HOCON key of a model property when the snake_case rule of
/// <see cref="SnakeCase"/> would not give the wanted name.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class HoconKeyAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}
