using System.Text.Json;
using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Management;

/// <summary>Talks to a director's management endpoint from inside its namespace (curl, bounded).</summary>
public sealed class ManagementClient(LabNamespace ns, string baseUrl = "http://127.0.0.1:8558")
{
    public (int Status, string Body) Get(string path)
    {
        var result = ns.TryExec("curl", "-s", "-m", "8", "-w", "\n%{http_code}", baseUrl + path);
        if (!result.Succeeded) return (0, result.Stderr);
        var text = result.Stdout;
        var cut = text.LastIndexOf('\n');
        return (int.Parse(text[(cut + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture), text[..cut]);
    }

    public JsonElement GetJson(string path)
    {
        var (status, body) = Get(path);
        Assert.True(status == 200, $"GET {path}: {status} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public bool IsReady() => Get("/health/ready").Status == 200;
}
