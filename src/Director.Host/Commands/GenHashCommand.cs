using Director.Actors.Checks;

namespace Director.Host.Commands;

/// <summary>`director genhash ...`: keepalived's genhash (the MD5 digest of a URL for HTTP_GET/SSL_GET), same options.</summary>
public static class GenHashCommand
{
    public static int Run(IReadOnlyList<string> arguments, CommandContext io)
    {
        var result = GenHash.RunAsync(arguments).GetAwaiter().GetResult();
        io.Out.Write(result.Output);
        io.Error.Write(result.Error);
        return result.ExitCode;
    }
}
