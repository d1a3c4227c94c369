namespace Director.Actors.Supervision;

/// <summary>
/// A value that outlives restarts of the actor holding it: Props keep the one instance, so an
/// actor rebuilt by its supervisor after a reload starts from the reloaded value instead of the
/// value its Props were made with.
/// </summary>
public sealed class SurvivingValue<T>(T initial) where T : class
{
    private T _value = initial;

    public T Value
    {
        get => Volatile.Read(ref _value);
        set => Volatile.Write(ref _value, value);
    }
}
