using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace Director.Core.Config.Hocon;

/// <summary>
/// Maps a configuration model to and from a HOCON document rooted at <c>director.topology</c>.
/// Generic over the model: records with init properties, snake_case keys, <c>EquatableList</c>
/// arrays, <c>type = "KIND"</c> for abstract records (see the codecs in this folder).
/// </summary>
public static class HoconTopology
{
    public const string RootPath = "director.topology";

    /// <summary>The whole document; the same model always gives the same text.</summary>
    public static string Write<T>(T model, HoconWriteOptions? options = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(model);
        var codec = CodecRegistry.For(typeof(T));
        if (!codec.IsObject)
            throw new NotSupportedException($"{typeof(T).FullName}: the topology root must be a record.");
        var emitter = new HoconEmitter(options ?? HoconWriteOptions.Default);
        emitter.Append(RootPath).Append(" ");
        codec.Write(emitter, model);
        emitter.NewLine();
        return emitter.ToString();
    }

    /// <summary>
    /// Reads <c>director.topology</c> from a HOCON text (other paths are left alone). The model
    /// is null when any error was found; errors and warnings name the line (<c>source:line</c>)
    /// and the HOCON path.
    /// </summary>
    public static HoconReadResult<T> Read<T>(string hocon, string sourceName) where T : class
    {
        var context = new ReadContext(sourceName, hocon);
        var model = ReadModel<T>(hocon, context);
        return new HoconReadResult<T>(context.Errors.Count == 0 ? model : null, context.Errors, context.Warnings);
    }

    public static HoconReadResult<T> ReadFile<T>(string path) where T : class
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new HoconReadResult<T>(null, [$"{path}: cannot read: {e.Message}"], []);
        }
        return Read<T>(text, path);
    }

    private static T? ReadModel<T>(string hocon, ReadContext context) where T : class
    {
        var codec = CodecRegistry.For(typeof(T));
        if (HoconSyntaxCheck.FindError(hocon) is { } syntaxError)
        {
            context.Error(HoconPath.Root("(document)"), $"HOCON syntax error: {syntaxError}");
            return null;
        }
        var config = Parse(hocon, context);
        if (config is null) return null;
        var topology = Find(config.Root, context);
        if (topology is null) return null;
        return codec.TryRead(topology, HoconPath.Root(RootPath), context, out var model) ? (T?)model : null;
    }

    /// <summary>
    /// Akka's parser, on a thread of its own: it loops forever on some malformed input that the
    /// pre-check does not catch, and a configuration read must still return. A parse that overruns
    /// is reported and its thread abandoned (it keeps spinning; the input was invalid anyway).
    /// </summary>
    private static Akka.Configuration.Config? Parse(string hocon, ReadContext context)
    {
        var document = HoconPath.Root("(document)");
        var parse = Task.Factory.StartNew(
            () => ConfigurationFactory.ParseString(hocon),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (parse.Wait(ParseTimeout(hocon))) return parse.Result;
            context.Error(document, "HOCON syntax error: the parser did not finish; look for a misplaced bracket, '=' or ':'");
        }
        catch (AggregateException e) when (e.InnerException is not null and not OutOfMemoryException)
        {
            // Akka's parser throws its own and plain exceptions for syntax errors alike.
            var line = HoconParseFailure.LineOf(hocon, e.InnerException.Message) is { } at ? $"line {at}: " : "";
            context.Error(document, $"HOCON syntax error: {line}{e.InnerException.Message}");
        }
        return null;
    }

    private static TimeSpan ParseTimeout(string hocon) => TimeSpan.FromSeconds(10 + hocon.Length / 100_000);

    private static HoconValue? Find(HoconValue? root, ReadContext context)
    {
        var current = root;
        var path = "";
        foreach (var key in RootPath.Split('.'))
        {
            path = path.Length == 0 ? key : path + "." + key;
            if (current is null || !HoconValues.TryGetObject(current, out var obj) || !obj.Items.TryGetValue(key, out var next))
            {
                context.Error(HoconPath.Root(path), $"missing; the topology must be written as {RootPath} {{ ... }}");
                return null;
            }
            current = next;
        }
        return current;
    }
}
