using Director.Core.Config.Binding;
using Director.Core.Config.Model;
using Director.Core.Config.Syntax;

namespace Director.Core.Tests.Config.Model;

/// <summary>Shorthands for binding plain keepalived text in tests.</summary>
internal static class Load
{
    public static ConfigLoadResult Text(string text) => KeepalivedConfigLoader.LoadText(text, "t.conf");

    /// <summary>Loads text that must bind without errors; warnings are allowed.</summary>
    public static KeepalivedConfig Valid(string text)
    {
        var result = Text(text);
        Assert.True(result.Config is not null, string.Join('\n', result.Diagnostics));
        return result.Config!;
    }

    public static string[] Lines(string text) => Text(text).Diagnostics.Select(d => d.ToString()).ToArray();

    public static VrrpInstance Instance(string body, string prefix = "") =>
        Valid($"{prefix}vrrp_instance VI_1 {{\n interface eth0\n virtual_router_id 1\n{body}\n}}").VrrpInstance.Single();

    public static VirtualServer Server(string body, string address = "10.0.0.1 80", string prefix = "") =>
        Valid($"{prefix}virtual_server {address} {{\n protocol TCP\n{body}\n}}").VirtualServer.Single();

    public static HealthChecker Checker(string kind, string body, string prefix = "") =>
        Server($"real_server 192.168.1.1 80 {{\n{kind} {{\n{body}\n}}\n}}", prefix: prefix).RealServer.Single().Checkers.Single();
}
