using Director.Host.CommandLine;
using Director.Host.Commands;

namespace Director.Host.Management;

/// <summary>The operations settings `director run` uses: defaults, then a HOCON -f file, then --settings.</summary>
public static class OpsSettingsLoading
{
    public static IReadOnlyList<string> OverrideFiles(CliOptions options)
    {
        var files = new List<string>();
        if (ConfigLoading.IsHocon(options)) files.Add(options.ConfigFile);
        if (options.SettingsFile is { } settings) files.Add(settings);
        return files;
    }

    public static bool TryLoad(CliOptions options, CommandContext io, out OpsSettings ops)
    {
        try
        {
            ops = OpsSettings.Load(OverrideFiles(options));
            return true;
        }
        catch (OpsSettingsException e)
        {
            io.Error.WriteLine($"{e.Message}: not starting");
            ops = null!;
            return false;
        }
    }
}
