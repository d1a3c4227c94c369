namespace Director.Host.CommandLine;

public sealed class CliParseException(string message) : Exception(message);
