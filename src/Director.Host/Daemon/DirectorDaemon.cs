using Akka.Configuration;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Director.Core.Config.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Director.Host.Daemon;

/// <summary>The long-running service: Microsoft.Extensions.Hosting + Akka.Hosting + Serilog in one place.</summary>
public static class DirectorDaemon
{
    public static async Task<int> RunAsync(KeepalivedConfig config, DaemonSettings settings, ILogger logger)
    {
        Log.Logger = logger;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Services.AddSerilog(logger);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddAkka("director", (akka, _) =>
        {
            akka.AddHocon(ConfigurationFactory.ParseString(HoconFiles.Read("akka.conf")), HoconAddMode.Prepend);
            akka.ConfigureLoggers(l =>
            {
                l.ClearLoggers();
                l.AddLogger<SerilogLogger>();
            });
            akka.WithActors((system, registry) => registry.Register<WatchdogKey>(VrrpWiring.Start(system, config, settings)));
        });

        using var host = builder.Build();
        using var pid = PidFile.Create(settings.PidFile);
        logger.Information("director starting: {Instances} vrrp_instance, {VirtualServers} virtual_server (vrrp {Vrrp}, checkers {Checks})",
            config.VrrpInstance.Count, config.VirtualServer.Count, settings.RunVrrp, settings.RunChecks);
        await host.RunAsync();
        logger.Information("director stopped");
        return 0;
    }

    private sealed class WatchdogKey;
}
