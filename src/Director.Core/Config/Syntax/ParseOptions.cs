namespace Director.Core.Config.Syntax;

/// <summary>How to read a keepalived.conf: the config id for <c>@id</c> lines and injected sources.</summary>
public sealed record ParseOptions
{
    /// <summary>keepalived's <c>-i</c>; default is the first label of the host name.</summary>
    public string ConfigId { get; init; } = DefaultConfigId();

    /// <summary>
    /// keepalived's <c>--instance</c>; empty when none. Not used by the syntax layer: like keepalived
    /// 2.2 (<c>get_instance()</c> returns the config id), <c>${_INSTANCE}</c> expands to <see cref="ConfigId"/>.
    /// </summary>
    public string InstanceName { get; init; } = "";

    /// <summary>Randomness for <c>${_RANDOM}</c>; injected so tests are deterministic.</summary>
    public Random Random { get; init; } = Random.Shared;

    public static string DefaultConfigId()
    {
        var host = System.Net.Dns.GetHostName();
        var dot = host.IndexOf('.');
        return dot < 0 ? host : host[..dot];
    }
}
