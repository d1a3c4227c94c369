namespace Director.Core.Config.Hocon;

/// <summary>
/// The outcome of reading a HOCON topology: the model when there were no errors, plus every
/// error and warning found (each naming the HOCON path it is about).
/// </summary>
public sealed record HoconReadResult<T>(T? Model, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
    where T : class
{
    public bool Succeeded => Errors.Count == 0 && Model is not null;
}
