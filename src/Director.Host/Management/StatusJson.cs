using System.Text.Json;

namespace Director.Host.Management;

/// <summary>The JSON options of the management endpoint (ASP.NET Core's web defaults: camelCase).</summary>
public static class StatusJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
