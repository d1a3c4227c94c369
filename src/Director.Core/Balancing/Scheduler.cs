namespace Director.Core.Balancing;

/// <summary>A scheduler by its IPVS name (<c>rr</c>, <c>wlc</c>, <c>mh</c>...).</summary>
public sealed record Scheduler(string Name)
{
    public static readonly Scheduler Rr = new("rr");
    public static readonly Scheduler Wrr = new("wrr");
    public static readonly Scheduler Lc = new("lc");
    public static readonly Scheduler Wlc = new("wlc");
    public static readonly Scheduler Sh = new("sh");
    public static readonly Scheduler Dh = new("dh");
    public static readonly Scheduler Mh = new("mh");
    public static readonly Scheduler Sed = new("sed");
    public static readonly Scheduler Nq = new("nq");

    /// <summary>Schedulers whose choice depends on live connection counts.</summary>
    public bool IsConnectionAware => Name is "lc" or "wlc" or "sed" or "nq" or "lblc" or "lblcr" or "ovf" or "fo";

    public override string ToString() => Name;
}
