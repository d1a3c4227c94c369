using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace Director.Host.Management;

/// <summary>
/// Checked reads of director.* settings: a missing key gives the fallback, a value of the wrong
/// form throws <see cref="SettingValueException"/> naming the path and the form expected.
/// </summary>
public static class SettingsValues
{
    public static string Text(this Config config, string path, string fallback) =>
        Read(config, path, fallback, "a string", () => config.GetString(path, fallback) ?? fallback);

    public static bool Flag(this Config config, string path, bool fallback) =>
        Read(config, path, fallback, "on or off (true/false, yes/no)", () => config.GetBoolean(path, fallback));

    public static int Integer(this Config config, string path, int fallback, int min, int max)
    {
        var expected = $"an integer from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
        var value = Read(config, path, fallback, expected, () => config.GetInt(path, fallback));
        return value >= min && value <= max ? value : throw Bad(config, path, expected);
    }

    public static int Port(this Config config, string path, int fallback)
    {
        const string expected = "a port from 1 to 65535";
        var value = Read(config, path, fallback, expected, () => config.GetInt(path, fallback));
        return value is >= 1 and <= 65535 ? value : throw Bad(config, path, expected);
    }

    /// <summary>A duration within [min, max]: Akka's forms (2s, 500ms, 1 minute; a bare number is milliseconds).</summary>
    public static TimeSpan Duration(this Config config, string path, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var expected = $"a duration from {Show(min)} to {Show(max)} (e.g. 2s, 500ms)";
        var value = Read(config, path, fallback, expected, () => config.GetTimeSpan(path, fallback, allowInfinite: false));
        return value >= min && value <= max ? value : throw Bad(config, path, expected);
    }

    /// <summary>One of <paramref name="names"/> (case-insensitive), returned in lower case.</summary>
    public static string OneOf(this Config config, string path, string fallback, params string[] names)
    {
        var expected = "one of " + string.Join(", ", names);
        var value = config.Text(path, fallback).Trim().ToLowerInvariant();
        return names.Contains(value, StringComparer.Ordinal) ? value : throw Bad(config, path, expected);
    }

    /// <summary>An IP address or a DNS host name.</summary>
    public static string HostName(this Config config, string path, string fallback)
    {
        const string expected = "an IP address or host name";
        var value = config.Text(path, fallback).Trim();
        return Uri.CheckHostName(value.Trim('[', ']')) != UriHostNameType.Unknown ? value : throw Bad(config, path, expected);
    }

    /// <summary>A list of strings; Akka reads <c>[]</c> as an empty value, not as an array, so an empty string passes.</summary>
    public static IReadOnlyList<string> Texts(this Config config, string path)
    {
        const string expected = "a list of strings";
        return Read<IReadOnlyList<string>>(config, path, [], expected, () =>
        {
            var value = config.GetValue(path);
            if (value.IsObject() || (!value.IsArray() && value.IsString() && value.GetString().Length > 0))
                throw Bad(config, path, expected);
            return [.. config.GetStringList(path) ?? []];
        });
    }

    /// <summary>Refuses a section (<c>director.log</c>) set to something other than an object, which Akka would silently pass over.</summary>
    public static void Section(this Config config, string path)
    {
        if (!config.HasPath(path)) return;
        bool isObject;
        try
        {
            isObject = config.GetValue(path).IsObject();
        }
        catch (Exception e) when (IsValueError(e))
        {
            isObject = false;
        }
        if (!isObject) throw Bad(config, path, "an object ({ ... })");
    }

    /// <summary>What the value at <paramref name="path"/> looks like, for "got ...".</summary>
    public static string Describe(Config config, string path)
    {
        try
        {
            return config.GetValue(path) is { } value ? Describe(value) : "nothing";
        }
        catch (Exception e) when (IsValueError(e))
        {
            return "a value that cannot be read";
        }
    }

    public static string Describe(HoconValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            if (value.IsObject()) return "an object";
            if (value.IsArray()) return "an array";
            return $"\"{value.GetString()}\"";
        }
        catch (Exception e) when (IsValueError(e))
        {
            return "a value that cannot be read";
        }
    }

    public static SettingValueException Bad(Config config, string path, string expected) => new(path, expected, Describe(config, path));

    private static T Read<T>(Config config, string path, T fallback, string expected, Func<T> read)
    {
        if (!config.HasPath(path)) return fallback;
        try
        {
            return read();
        }
        catch (Exception e) when (IsValueError(e))
        {
            throw Bad(config, path, expected);
        }
    }

    private static bool IsValueError(Exception e) =>
        e is ConfigurationException or FormatException or InvalidCastException or OverflowException or InvalidOperationException or ArgumentException or NotSupportedException;

    private static string Show(TimeSpan value) =>
        value.TotalSeconds >= 1 ? $"{value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s" : $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
}
