using Director.Actors.State;
using Director.Host.Daemon;
using Director.Host.Management;
using Serilog.Events;

namespace Director.Host.Tests.Daemon;

public sealed class KeepalivedDumpTextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static VrrpInstanceView Instance() => new(
        "VI_1", "eth0", "MASTER", 150, 100, "10.0.0.2", ["10.0.0.1"], 12, 3,
        new Dictionary<string, long> { ["TtlNot255"] = 2, ["Truncated"] = 1, ["LengthMismatch"] = 1, ["PasswordMismatch"] = 4, ["BadChecksum"] = 5 }, 3)
    {
        BecameMaster = 2,
        ReleasedMaster = 1,
    };

    [Fact]
    public void Stats_follow_keepalived_layout_with_drops_folded_into_its_categories()
    {
        var text = KeepalivedStatsText.Format([Instance()]);

        Assert.Equal("""
            VRRP Instance: VI_1
              Advertisements:
                Received: 3
                Sent: 12
              Became master: 2
              Released master: 1
              Packet Errors:
                Length: 2
                TTL: 2
                Invalid Type: 0
                Advertisement Interval: 0
                Address List: 0
              Authentication Errors:
                Invalid Type: 0
                Type Mismatch: 0
                Failure: 4
              Other Errors:
                BadChecksum: 5

            """.Replace("\r", ""), text);
    }

    [Fact]
    public void Data_lists_instances_virtual_servers_and_transitions_in_keepalived_sections()
    {
        var state = new DirectorState("lb1", "local", At, true, [Instance()], "nftables",
            [new VirtualServerView("vs-10.0.0.1:80", "TCP", "rr", [new RealServerView("10.0.1.1:80", true, 1, 7)])],
            new KernelWritesView(4, 0, 0.001, 0.001, 0.004, 0),
            [new TransitionView("VI_1", "BACKUP", "MASTER", 150, At)], []);

        var text = KeepalivedDataText.Format(state);

        Assert.Contains("------< Global definitions >------\n Router ID = lb1\n", text);
        Assert.Contains(" VRRP Instance = VI_1\n   State = MASTER\n   Interface = eth0\n   Priority = 100\n   Effective priority = 150\n", text);
        Assert.Contains("   Virtual IP (1):\n     10.0.0.1\n", text);
        Assert.Contains(" Virtual Server = vs-10.0.0.1:80\n", text);
        Assert.Contains("   Real Server = 10.0.1.1:80\n     Alive = yes\n     Weight = 1\n     Active connections = 7\n", text);
        Assert.Contains("2026-11-25 10:00:00.000Z VI_1 BACKUP -> MASTER (priority 150)", text);
    }

    [Fact]
    public void Log_settings_read_levels_file_and_overrides_and_minus_d_lowers_them()
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString("""
            director.log { level = warning, file = "/var/log/director.log", file-level = notice, file-format = text, overrides { Akka = error, "Akka.Remote" = fatal } }
            """);

        var log = LogSettings.From(config);

        Assert.Equal(LogEventLevel.Warning, log.Level);
        Assert.Equal("/var/log/director.log", log.File);
        Assert.Equal(LogEventLevel.Information, log.FileLevel);
        Assert.Equal(LogFileFormat.Text, log.FileFormat);
        Assert.Equal(LogEventLevel.Error, log.Overrides["Akka"]);
        Assert.Equal(LogEventLevel.Fatal, log.Overrides["Akka.Remote"]);
        Assert.Equal(LogEventLevel.Warning, log.Overrides["Microsoft"]);
        Assert.Equal(LogEventLevel.Information, log.Lowest);
        Assert.Equal(LogEventLevel.Debug, log.Detailed().Level);
        Assert.Throws<SettingValueException>(() => LogSettings.From(Akka.Configuration.ConfigurationFactory.ParseString("director.log.level = loud")));
    }

    [Fact]
    public void The_file_sink_keeps_structured_fields_and_the_journal_console_prefixes_priorities()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("dlog").FullName, "d.log");
        var writer = new StringWriter();
        var original = Console.Error;
        try
        {
            Console.SetError(writer);
            using (var logger = (Serilog.Core.Logger)DaemonLogging.Create(LogSettings.Default with { File = file }, detailed: false, underJournal: true))
                logger.Warning("{Instance}: entering {State} state", "VI_1", "FAULT");
        }
        finally
        {
            Console.SetError(original);
        }

        var line = File.ReadAllLines(file).Single();
        Assert.Contains("\"Instance\":\"VI_1\"", line);
        Assert.Contains("\"State\":\"FAULT\"", line);
        Assert.Contains("\"Level\":\"Warning\"", line);
        Assert.StartsWith("<4>VI_1: entering FAULT state", writer.ToString());
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
