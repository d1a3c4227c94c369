using Akka.Configuration;
using Director.Host.History;
using Director.Host.Management;

namespace Director.Host.Tests.History;

public sealed class HistoryStoreSettingsTests
{
    [Fact]
    public void The_shipped_default_is_sqlite_under_var_lib_director()
    {
        var history = OpsSettings.Defaults.History;
        Assert.Equal(new HistoryStoreSettings(true, "sqlite", "/var/lib/director/history.db", "", 10_000), history);
        Assert.Equal("Data Source=/var/lib/director/history.db", history.EffectiveConnectionString);
    }

    [Fact]
    public void Postgresql_needs_a_connection_string()
    {
        var settings = HistoryStoreSettings.From(ConfigurationFactory.ParseString("director.history.provider = postgresql"));
        Assert.Contains("connection-string is empty", settings.Problem(), StringComparison.Ordinal);
        Assert.Null((settings with { ConnectionString = "Host=/tmp;Database=d" }).Problem());
    }

    [Fact]
    public void An_unknown_provider_is_a_settings_error() =>
        Assert.Throws<SettingValueException>(() => HistoryStoreSettings.From(ConfigurationFactory.ParseString("director.history.provider = oracle")));

    [Fact]
    public void A_folder_that_cannot_be_created_is_a_problem_not_an_exception()
    {
        var file = Path.GetTempFileName();
        try
        {
            var settings = HistoryStoreSettings.Off with { Enabled = true, Path = Path.Combine(file, "sub", "history.db") };
            Assert.Contains("is not writable", settings.Problem(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
