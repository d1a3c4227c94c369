namespace Director.Host.Commands;

/// <summary>Where a command writes: injected so commands are tested without a console.</summary>
public sealed record CommandContext(TextWriter Out, TextWriter Error)
{
    public static CommandContext Console => new(System.Console.Out, System.Console.Error);
}
