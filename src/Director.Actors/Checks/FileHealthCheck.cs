using Director.Core.Checks;

namespace Director.Actors.Checks;

/// <summary>
/// FILE_CHECK: reads the tracked file's number and turns it into up/down and a weight change as
/// keepalived does (<see cref="TrackFileValue"/>). A missing file reads as 0; an out-of-range
/// number keeps the previous result.
/// </summary>
public sealed class FileHealthCheck : IHealthCheck
{
    private readonly string _path;
    private readonly int _weight;
    private readonly bool _reverse;
    private readonly TimeProvider _time;
    private CheckOutcome? _last;

    public FileHealthCheck(string path, int weight, bool reverse, TimeProvider time)
    {
        _path = path ?? throw new ArgumentNullException(nameof(path));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _weight = weight;
        _reverse = reverse;
    }

    public async Task<CheckOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        string content;
        try
        {
            content = await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            content = "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return _last ?? CheckOutcome.Failure($"{_path}: {e.Message}", _time.GetElapsedTime(started));
        }
        if (TrackFileValue.Parse(content) is not { } value)
            return _last ?? CheckOutcome.Failure($"{_path}: number out of range", _time.GetElapsedTime(started));
        var (up, delta) = TrackFileValue.Evaluate(value, _weight, _reverse);
        _last = new CheckOutcome(up, null, $"{_path} reads {TrackFileValue.Describe(value)}", _time.GetElapsedTime(started))
        {
            WeightDelta = up ? delta : null,
        };
        return _last;
    }

    private async Task<string> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: false);
        var buffer = new byte[127];
        var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
    }
}
