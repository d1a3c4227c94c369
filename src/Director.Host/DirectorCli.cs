using Director.Host.CommandLine;
using Director.Host.Commands;

namespace Director.Host;

public static class DirectorCli
{
    public static int Run(string[] args) => Run(args, CommandContext.Console);

    public static int Run(string[] args, CommandContext io)
    {
        // genhash keeps keepalived's genhash options, which are not director's.
        if (args.Length > 0 && args[0] == "genhash")
            return GenHashCommand.Run(args[1..], io);
        CliOptions options;
        try
        {
            options = CliParser.Parse(args);
        }
        catch (CliParseException e)
        {
            io.Error.WriteLine($"director: {e.Message}");
            return ExitCodes.Usage;
        }

        return options.Verb switch
        {
            CliVerb.Help => Print(io.Out, HelpText.Usage),
            CliVerb.Version => Print(io.Out, $"director {typeof(DirectorCli).Assembly.GetName().Version} (keepalived 2.2 configuration compatible)"),
            CliVerb.CheckConfig => CheckConfigCommand.Run(options, io),
            CliVerb.DumpConfig => DumpConfigCommand.Run(options, io),
            CliVerb.Convert => ConvertCommand.Run(options, io),
            CliVerb.Status => StatusCommand.Run(options, io),
            CliVerb.History => HistoryCommand.Run(options, io),
            CliVerb.Drain or CliVerb.Undrain or CliVerb.Weight => RealServerCommand.Run(options, io),
            _ => RunCommand.Run(options, io),
        };
    }

    private static int Print(TextWriter to, string text)
    {
        to.WriteLine(text);
        return ExitCodes.Ok;
    }
}
