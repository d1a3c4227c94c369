namespace Director.Core.Config.Hocon;

/// <summary>A structural error in a HOCON text, at a 1-based line and column.</summary>
public sealed record HoconSyntaxError(int Line, int Column, string Problem)
{
    public override string ToString() => $"line {Line}, column {Column}: {Problem}";
}
