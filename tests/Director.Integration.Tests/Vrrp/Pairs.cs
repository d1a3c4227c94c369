namespace Director.Integration.Tests.Vrrp;

/// <summary>The three pairings the issue asks for: (higher priority node, lower priority node).</summary>
public static class Pairs
{
    public static TheoryData<Implementation, Implementation> All => new()
    {
        { Implementation.Director, Implementation.Director },
        { Implementation.Director, Implementation.Keepalived },
        { Implementation.Keepalived, Implementation.Director },
    };

    public static TheoryData<Implementation, Implementation, int> AllVersions
    {
        get
        {
            var data = new TheoryData<Implementation, Implementation, int>();
            foreach (var version in new[] { 2, 3 })
            {
                data.Add(Implementation.Director, Implementation.Director, version);
                data.Add(Implementation.Director, Implementation.Keepalived, version);
                data.Add(Implementation.Keepalived, Implementation.Director, version);
            }
            return data;
        }
    }
}
