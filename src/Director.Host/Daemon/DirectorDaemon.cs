using Akka.Configuration;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Director.Core.Config.Model;
using Director.Host.History;
using Director.Host.Management;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Director.Host.Daemon;

/// <summary>The long-running service: Microsoft.Extensions.Hosting + Akka.Hosting + Serilog in one place.</summary>
public static class DirectorDaemon
{
    public static async Task<int> RunAsync(KeepalivedConfig config, DaemonSettings settings, ILogger logger, OpsSettings? opsSettings = null,
        Func<Director.Core.Config.Binding.ConfigLoadResult>? reload = null, Func<OpsSettings>? reloadOps = null)
    {
        Log.Logger = logger;
        var ops = opsSettings ?? OpsSettings.Defaults;
        // A web host so the management endpoint (Management/) runs beside the actor system; under
        // systemd, READY=1 goes out once every hosted service has started: Akka (whose WithActors
        // starts the VRRP side before returning), then Kestrel.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSystemd();
        builder.Services.AddSerilog(logger);
        ManagementEndpoint.AddServices(builder, ops.Management);
        builder.Services.AddSingleton(new ReloadSource(config, settings, reload ?? (() => new(config, []))) { Ops = ops, LoadOps = reloadOps });
        builder.Services.AddSingleton<ConfigReloader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConfigReloader>());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddAkka(ClusterSettings.SystemName, (akka, _) =>
        {
            akka.AddHocon(ConfigurationFactory.ParseString(HoconFiles.Read("akka.conf")), HoconAddMode.Prepend);
            // The operator's director.lb (checked with the other settings) over akka.conf's defaults.
            akka.AddHocon(ops.Lb.ToHocon(), HoconAddMode.Prepend);
            akka.AddHocon($"akka.loglevel = {AkkaLogLevel(ops.Log, settings.Detailed)}", HoconAddMode.Prepend);
            akka.ConfigureLoggers(l =>
            {
                l.ClearLoggers();
                l.AddLogger<SerilogLogger>();
            });
            akka.WithDirectorCluster(ops.Cluster).WithDirectorHealthChecks();
            var historyOn = HistoryWiring.Configure(akka, ops.History, logger);
            akka.WithActors((system, registry) =>
            {
                var nodeName = ops.EffectiveNodeName(config.GlobalDefs.RouterId);
                // Before VRRP and lb, so that their first transitions are journaled.
                if (historyOn) HistoryWiring.Start(system, registry, nodeName, ops.History);
                var watchdog = VrrpWiring.Start(system, config, settings);
                registry.Register<WatchdogKey>(watchdog);
                var state = StateWiring.Start(system, watchdog, ops, nodeName);
                registry.Register<StateActorKey>(state);
                var dumps = KeepalivedDumpSignals.Register(system, state);
                system.WhenTerminated.ContinueWith(_ => dumps.Dispose(), TaskScheduler.Default);
            });
        });

        await using var host = builder.Build();
        ManagementEndpoint.MapRoutes(host, ops);
        using var pid = PidFile.Create(settings.PidFile);
        logger.Information("director starting: {Instances} vrrp_instance, {VirtualServers} virtual_server (vrrp {Vrrp}, checkers {Checks}); cluster {Cluster}, management {Management}",
            config.VrrpInstance.Count, config.VirtualServer.Count, settings.RunVrrp, settings.RunChecks,
            ops.Cluster.Enabled ? ops.Cluster.SelfAddress : "off", ops.Management.Enabled ? ops.Management.Url : "off");
        await host.RunAsync();
        logger.Information("director stopped");
        return 0;
    }

    // Akka drops events below its own level before Serilog sees them: it emits what the lowest sink takes.
    private static string AkkaLogLevel(LogSettings log, bool detailed) =>
        (detailed ? log.Detailed() : log).Lowest switch
        {
            Serilog.Events.LogEventLevel.Verbose or Serilog.Events.LogEventLevel.Debug => "DEBUG",
            Serilog.Events.LogEventLevel.Information => "INFO",
            Serilog.Events.LogEventLevel.Warning => "WARNING",
            _ => "ERROR",
        };
}
