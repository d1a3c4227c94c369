namespace Director.Core.Config.Hocon;

/// <summary>How <see cref="HoconTopology.Write{T}"/> renders a model.</summary>
public sealed record HoconWriteOptions
{
    public static readonly HoconWriteOptions Default = new();

    /// <summary>
    /// When false, properties equal to the value of a freshly constructed record are left out;
    /// both forms read back to equal models.
    /// </summary>
    public bool WriteDefaults { get; init; } = true;

    /// <summary>Spaces per nesting level.</summary>
    public int IndentSize { get; init; } = 2;

    /// <summary>Scalar arrays up to this many characters stay on one line.</summary>
    public int InlineArrayWidth { get; init; } = 80;
}
