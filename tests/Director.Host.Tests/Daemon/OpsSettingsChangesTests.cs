using Director.Host.Daemon;
using Director.Host.Management;

namespace Director.Host.Tests.Daemon;

public sealed class OpsSettingsChangesTests
{
    [Fact]
    public void The_same_settings_read_twice_have_no_changes()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """director.cluster { enabled = on, hostname = 10.0.0.2, seed-nodes = ["akka.tcp://director@10.0.0.2:4053"] }""");

            Assert.Empty(OpsSettingsChanges.Between(OpsSettings.Load([file]), OpsSettings.Load([file])));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Changed_sections_are_named()
    {
        var running = OpsSettings.Defaults;
        var next = running with
        {
            Management = running.Management with { Port = running.Management.Port + 1 },
            Cluster = running.Cluster with { SeedNodes = ["akka.tcp://director@10.0.0.9:4053"] },
        };

        Assert.Equal(["director.cluster", "director.management"], OpsSettingsChanges.Between(running, next));
    }
}
