namespace Director.Core.Config.Model;

/// <summary>
/// The keepalived spelling of a concrete subtype of an abstract model record (e.g. a checker:
/// <c>check = TCP_CHECK</c> in HOCON) or of an enum member (<c>lb_algo = rr</c>, <c>state = MASTER</c>),
/// so that HOCON reads like the keepalived.conf it came from.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, Inherited = false)]
public sealed class ConfigKindAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
