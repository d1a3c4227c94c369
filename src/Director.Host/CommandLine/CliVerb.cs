namespace Director.Host.CommandLine;

public enum CliVerb
{
    Run,
    CheckConfig,
    Convert,
    DumpConfig,
    Status,
    History,
    Drain,
    Undrain,
    Weight,
    Version,
    Help,
}
