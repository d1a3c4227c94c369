using System.Reflection;

namespace Director.Core.Config.Reload;

/// <summary>Names the public properties in which two values of a record differ (for "what changed" logs).</summary>
public static class RecordChanges
{
    public static IReadOnlyList<string> Properties<T>(T before, T after) where T : class
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Where(p => !Equals(p.GetValue(before), p.GetValue(after)))
            .Select(p => p.Name)
            .ToList();
    }
}
