using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Config.Validation;

/// <summary>
/// Semantic checks of a model that did not come through the keepalived.conf binder (HOCON input):
/// the same rules, reported against the HOCON path of the offending value.
/// </summary>
public static class ModelValidator
{
    public static IReadOnlyList<ConfigDiagnostic> Validate(KeepalivedConfig config, string sourceName)
    {
        var problems = new List<ConfigDiagnostic>();
        var at = new SourceLocation(sourceName, 0);
        for (var i = 0; i < config.VrrpInstance.Count; i++)
        {
            var instance = config.VrrpInstance[i];
            var path = $"director.topology.vrrp_instance[{i}]";
            if (instance.VirtualRouterId is < 1 or > 255)
                problems.Add(ConfigDiagnostic.Error(at, $"{path}.virtual_router_id: expected an integer 1-255, got '{instance.VirtualRouterId}'"));
            if (instance.Priority is < 1 or > 255)
                problems.Add(ConfigDiagnostic.Error(at, $"{path}.priority: expected an integer 1-255, got '{instance.Priority}'"));
        }
        return problems;
    }
}
