namespace Director.Core.Config.Model;

/// <summary>
/// The HOCON key that names the subtype of an abstract model record (default <c>type</c>); chosen
/// so it cannot clash with a keyword of any subtype (DNS_CHECK has its own <c>type</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConfigDiscriminatorAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}
