namespace Director.Host;

public static class DirectorCli
{
    public static int Run(string[] args) => 0;
}
