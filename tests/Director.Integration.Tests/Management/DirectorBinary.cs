namespace Director.Integration.Tests.Management;

/// <summary>The `director` build this test run was built with (src/Director.Host's own output folder).</summary>
public static class DirectorBinary
{
    /// <summary>The command line prefix that runs director: dotnet + director.dll.</summary>
    public static string[] Command()
    {
        var dll = Path.Combine(HostOutput(), "director.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("director.dll not built", dll);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Director.TestSupport.Netns.Command.Find("dotnet") ?? "dotnet";
        return [dotnet, dll];
    }

    private static string HostOutput()
    {
        // tests/Director.Integration.Tests/bin/CONFIG/TFM/ -> src/Director.Host/bin/CONFIG/TFM/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Director.sln")))
            root = root.Parent;
        if (root is null) throw new DirectoryNotFoundException($"no Director.sln above {AppContext.BaseDirectory}");
        return Path.Combine(root.FullName, "src", "Director.Host", "bin", configuration, tfm);
    }
}
