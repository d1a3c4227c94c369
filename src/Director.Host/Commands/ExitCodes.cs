namespace Director.Host.Commands;

/// <summary>keepalived's exit codes where they exist.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int FileUnreadable = 4;
    public const int ConfigErrors = 5;
}
