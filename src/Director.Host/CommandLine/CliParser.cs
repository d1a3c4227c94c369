namespace Director.Host.CommandLine;

/// <summary>
/// Parses <c>director [VERB] [OPTIONS]</c>. Without a verb the options are keepalived's, so that
/// <c>director -t -f FILE</c> checks a configuration and <c>director -n -l -f FILE</c> runs.
/// </summary>
public static class CliParser
{
    private static readonly Dictionary<string, CliVerb> Verbs = new(StringComparer.Ordinal)
    {
        ["run"] = CliVerb.Run,
        ["check-config"] = CliVerb.CheckConfig,
        ["convert"] = CliVerb.Convert,
        ["dump-config"] = CliVerb.DumpConfig,
        ["status"] = CliVerb.Status,
        ["reload"] = CliVerb.Reload,
        ["history"] = CliVerb.History,
        ["drain"] = CliVerb.Drain,
        ["undrain"] = CliVerb.Undrain,
        ["weight"] = CliVerb.Weight,
        ["version"] = CliVerb.Version,
        ["help"] = CliVerb.Help,
    };

    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CliOptions();
        var queue = new Queue<string>(SplitEquals(args));
        if (queue.Count > 0 && Verbs.TryGetValue(queue.Peek(), out var verb))
        {
            queue.Dequeue();
            options = options with { Verb = verb };
        }

        while (queue.Count > 0)
        {
            var arg = queue.Dequeue();
            options = arg switch
            {
                "-f" or "--use-file" => options with { ConfigFile = Value(queue, arg) },
                "-i" or "--config-id" => options with { ConfigId = Value(queue, arg) },
                "--format" => options with { Format = ParseFormat(Value(queue, arg)) },
                "-o" or "--output" => options with { OutputFile = Value(queue, arg) },
                "--defaults" => options with { WriteDefaults = true },
                "--settings" => options with { SettingsFile = Value(queue, arg) },
                "--json" => options with { Json = true },
                "--endpoint" => options with { Endpoint = Value(queue, arg) },
                "--limit" => options with { Limit = ParseLimit(Value(queue, arg)) },
                "--vs" => options with { VirtualServer = Value(queue, arg) },
                "-t" or "--config-test" => options with { Verb = CliVerb.CheckConfig },
                "-d" or "--dump-conf" => options with { DumpConfigAtStart = true },
                "-n" or "--dont-fork" => options with { DontFork = true },
                "-l" or "--log-console" => options with { LogConsole = true },
                "-D" or "--log-detail" => options with { LogDetail = true },
                "-S" or "--log-facility" => options with { LogFacility = ParseFacility(Value(queue, arg)) },
                "-P" or "--vrrp" => options with { VrrpOnly = true },
                "-C" or "--check" => options with { CheckOnly = true },
                "-V" or "--dont-release-vrrp" => options with { DontReleaseVrrp = true },
                "-I" or "--dont-release-ipvs" => options with { DontReleaseIpvs = true },
                "--lb-backend" => options with { LbBackend = ParseBackend(Value(queue, arg)) },
                "-p" or "--pid" => options with { PidFile = Value(queue, arg) },
                "-r" or "--vrrp_pid" => options with { VrrpPidFile = Value(queue, arg) },
                "-c" or "--checkers_pid" => options with { CheckersPidFile = Value(queue, arg) },
                "-v" or "--version" => options with { Verb = CliVerb.Version },
                "-h" or "--help" => options with { Verb = CliVerb.Help },
                _ when TakesArguments(options.Verb) && !arg.StartsWith('-') => options with { Arguments = [.. options.Arguments, arg] },
                _ => throw new CliParseException($"unknown option '{arg}' (see 'director --help')"),
            };
        }

        if (options.VrrpOnly && options.CheckOnly)
            throw new CliParseException("--vrrp and --check cannot be used together");
        return options;
    }

    private static IEnumerable<string> SplitEquals(IEnumerable<string> args)
    {
        foreach (var arg in args)
        {
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 2)
            {
                yield return arg[..eq];
                yield return arg[(eq + 1)..];
            }
            else yield return arg;
        }
    }

    private static bool TakesArguments(CliVerb verb) => verb is CliVerb.Drain or CliVerb.Undrain or CliVerb.Weight;

    private static int ParseLimit(string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new CliParseException($"--limit expects a positive number, got '{value}'");

    private static string Value(Queue<string> queue, string option) =>
        queue.Count > 0 ? queue.Dequeue() : throw new CliParseException($"option '{option}' expects a value");

    private static int ParseFacility(string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 7
            ? n
            : throw new CliParseException($"--log-facility expects 0 to 7 (LOCAL0 to LOCAL7), got '{value}'");

    private static string ParseBackend(string value) => value.ToLowerInvariant() switch
    {
        "auto" or "nftables" or "ipvs" => value.ToLowerInvariant(),
        _ => throw new CliParseException($"--lb-backend expects auto, nftables or ipvs, got '{value}'"),
    };

    private static ConfigFormat ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "keepalived" => ConfigFormat.Keepalived,
        "hocon" => ConfigFormat.Hocon,
        "auto" => ConfigFormat.Auto,
        _ => throw new CliParseException($"--format expects keepalived, hocon or auto, got '{value}'"),
    };
}
