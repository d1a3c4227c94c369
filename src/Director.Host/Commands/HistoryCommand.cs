using System.Globalization;
using System.Text;
using Director.Actors.History;
using Director.Host.CommandLine;
using Director.Host.Management;

namespace Director.Host.Commands;

/// <summary>`director history [--json] [--limit N] [--endpoint URL]`: the journal of transitions and operator actions.</summary>
public static class HistoryCommand
{
    public const int DefaultLimit = 50;

    public static int Run(CliOptions options, CommandContext io)
    {
        var limit = options.Limit ?? DefaultLimit;
        var body = ManagementRequest.Send("history", HttpMethod.Get,
            $"{ManagementRequest.Endpoint(options)}/history?limit={limit.ToString(CultureInfo.InvariantCulture)}", null, io);
        if (body is null) return ExitCodes.Failure;
        if (options.Json)
        {
            io.Out.WriteLine(body);
            return ExitCodes.Ok;
        }

        var page = ManagementRequest.Parse<HistoryResponse>("history", body, "history", io);
        if (page is null) return ExitCodes.Failure;
        io.Out.Write(Format(page.Entries ?? []));
        return ExitCodes.Ok;
    }

    public static string Format(IReadOnlyList<HistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return "no history yet\n";
        var rows = entries.Select(e => new[]
        {
            e.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            e.Kind,
            e.Subject,
            e.From is null ? e.To ?? "" : $"{e.From} -> {e.To}",
            e.Detail ?? "",
        }).Prepend(["TIME", "KIND", "SUBJECT", "CHANGE", "DETAIL"]).ToList();
        var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
        return text.ToString();
    }
}
