namespace Director.Core.Config.Model;

/// <summary>
/// A small record written as one string in HOCON, the way keepalived spells it (a status range
/// <c>"200-299"</c>): the type's <c>ToString()</c> writes it and its
/// <c>public static bool TryParse(string, out T)</c> reads it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConfigScalarAttribute : Attribute;
