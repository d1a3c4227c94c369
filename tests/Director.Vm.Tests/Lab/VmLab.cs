using Director.TestSupport.Vm;

namespace Director.Vm.Tests.Lab;

/// <summary>Runs a test scenario (bash) in the VM with lab.sh sourced and the published daemon as $DIRECTOR.</summary>
internal static class VmLab
{
    private static string LabScript => Path.Combine(AppContext.BaseDirectory, "Lab", "lab.sh");

    public static Task<VmResult> RunAsync(TestVm vm, string scenario, TimeSpan timeout) =>
        vm.RunAsync($"export DIRECTOR={VmArtifacts.PublishedDirector}\n. {LabScript}\n{scenario}", timeout);

    /// <summary>The values of <c>key=value</c> lines the scenario printed (the last one wins).</summary>
    public static IReadOnlyDictionary<string, string> Values(VmResult result) => result.Output
        .Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Contains('=', StringComparison.Ordinal) && !line.StartsWith('-'))
        .Select(line => line.Split('=', 2))
        .GroupBy(parts => parts[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);

    /// <summary>Lines between <c>BEGIN name</c> and <c>END name</c> printed by the scenario.</summary>
    public static string[] Section(VmResult result, string name) => result.Output
        .Split('\n')
        .SkipWhile(line => line.Trim() != $"BEGIN {name}")
        .Skip(1)
        .TakeWhile(line => line.Trim() != $"END {name}")
        .Select(line => line.TrimEnd())
        .ToArray();
}
