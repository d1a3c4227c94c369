namespace Director.Actors.Balancing;

/// <summary>A real server's check hung past its limit or its loop failed; the checker actor is restarted.</summary>
public sealed class CheckerFailedException : Exception
{
    public CheckerFailedException(string message) : base(message)
    {
    }

    public CheckerFailedException(string message, Exception inner) : base(message, inner)
    {
    }

    public CheckerFailedException()
    {
    }
}
