using Director.Integration.Tests.Balancing;

namespace Director.Integration.Tests.History;

/// <summary>
/// A private PostgreSQL cluster (the newest under /usr/lib/postgresql, 15 on Debian 12) for one test: initdb into a temp folder as the postgres user,
/// listening only on a unix socket in that folder, one database; stopped and removed at dispose.
/// </summary>
internal sealed class PrivatePostgres : IDisposable
{
    private static readonly string Bin = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault() ?? "/usr/lib/postgresql/15/bin"
        : "/usr/lib/postgresql/15/bin";
    private readonly string _root;
    private bool _started;

    public PrivatePostgres(string database)
    {
        if (!File.Exists($"{Bin}/initdb")) throw new InvalidOperationException($"PostgreSQL is not installed ({Bin}/initdb): apt-get install postgresql");
        _root = Shell.Check("mktemp -d /tmp/director-pg-XXXXXX").Trim();
        try
        {
            Shell.Check($"""
                set -e
                chown postgres: {_root}
                mkdir {_root}/socket && chown postgres: {_root}/socket
                runuser -u postgres -- {Bin}/initdb -D {_root}/data -A trust -U postgres --no-sync >{_root}/initdb.log 2>&1
                """, TimeSpan.FromSeconds(60));
            _started = true;
            Shell.Check($"""
                set -e
                runuser -u postgres -- {Bin}/pg_ctl -D {_root}/data -l {_root}/server.log -w -t 30 -o "-c listen_addresses='' -k {_root}/socket -c fsync=off" start >/dev/null
                runuser -u postgres -- {Bin}/createdb -h {_root}/socket -U postgres {database}
                """, TimeSpan.FromSeconds(60));
            ConnectionString = $"Host={_root}/socket;Database={database};Username=postgres";
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string ConnectionString { get; } = "";

    /// <summary>Rows of one query, via psql.</summary>
    public string Query(string database, string sql) =>
        Shell.Check($"runuser -u postgres -- {Bin}/psql -h {_root}/socket -U postgres -d {database} -tAc \"{sql}\"", TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        if (_started)
            Shell.Run($"runuser -u postgres -- {Bin}/pg_ctl -D {_root}/data -m immediate -w -t 20 stop", TimeSpan.FromSeconds(30));
        Shell.Run($"rm -rf {_root}", TimeSpan.FromSeconds(30));
    }
}
