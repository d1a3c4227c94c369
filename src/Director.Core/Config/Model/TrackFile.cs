namespace Director.Core.Config.Model;

/// <summary>
/// A top-level <c>track_file NAME</c> (also <c>vrrp_track_file</c>): a file holding a number that
/// VRRP instances and FILE_CHECKs follow, multiplied by the weight.
/// </summary>
public sealed record TrackFile
{
    public string Name { get; init; } = "";

    public string File { get; init; } = "";

    public int Weight { get; init; } = 1;

    /// <summary><c>weight W reverse</c>: a higher value lowers the priority.</summary>
    public bool Reverse { get; init; }

    /// <summary><c>init_file [VALUE] [overwrite]</c>; null: the file is not created.</summary>
    public TrackFileInit? InitFile { get; init; }
}

public sealed record TrackFileInit
{
    public int Value { get; init; }

    public bool Overwrite { get; init; }
}

/// <summary>A <c>track_file</c> line of an instance: <c>NAME [weight W [reverse|noreverse]]</c>; nulls use the file's own.</summary>
public sealed record TrackedFile
{
    public string Name { get; init; } = "";

    public int? Weight { get; init; }

    public bool? Reverse { get; init; }
}
