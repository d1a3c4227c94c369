namespace Director.Host.Management;

/// <summary>A settings value of the wrong form: names the HOCON path, what was expected and what was found.</summary>
public sealed class SettingValueException(string path, string expected, string got)
    : FormatException($"{path}: expected {expected}, got {got}")
{
    public string Path { get; } = path;

    public string Expected { get; } = expected;

    public string Got { get; } = got;
}
