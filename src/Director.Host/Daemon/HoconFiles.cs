namespace Director.Host.Daemon;

/// <summary>Finds the HOCON defaults shipped next to the program (hocon/*.conf).</summary>
public static class HoconFiles
{
    public static string Read(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "hocon", name);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"HOCON defaults '{name}' not found next to the program", path);
    }
}
