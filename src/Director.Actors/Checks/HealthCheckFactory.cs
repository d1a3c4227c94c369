using Director.Core.Config.Model;

namespace Director.Actors.Checks;

/// <summary>Builds the <see cref="IHealthCheck"/> for a configured checker of a real server.</summary>
public sealed class HealthCheckFactory
{
    private readonly HealthCheckServices _services;

    public HealthCheckFactory(HealthCheckServices services) => _services = services ?? throw new ArgumentNullException(nameof(services));

    /// <summary>With the system clock, shared randomness, real processes and no track files.</summary>
    public static IHealthCheck Create(HealthChecker config, RealServer realServer, VirtualServer virtualServer) =>
        new HealthCheckFactory(HealthCheckServices.Default).Build(config, realServer, virtualServer);

    public IHealthCheck Build(HealthChecker config, RealServer realServer, VirtualServer virtualServer)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(realServer);
        ArgumentNullException.ThrowIfNull(virtualServer);
        var time = _services.Time;
        return config switch
        {
            TcpCheck tcp => new TcpHealthCheck(ConnectionTarget.For(tcp, realServer), time),
            HttpCheckerBase http => new HttpHealthCheck(http, ConnectionTarget.For(http, realServer), virtualServer, time),
            SmtpCheck smtp => new SmtpHealthCheck(ConnectionTarget.For(smtp, realServer), smtp.HeloName ?? _services.HostName, time),
            DnsCheck dns => new DnsHealthCheck(ConnectionTarget.For(dns, realServer), dns.Name, dns.Type, time, _services.Random),
            UdpCheck udp => new UdpHealthCheck(ConnectionTarget.For(udp, realServer), udp.RequireReply, time),
            PingCheck ping => new PingHealthCheck(ConnectionTarget.For(ping, realServer), time, _services.Random),
            MiscCheck misc => new MiscHealthCheck(
                MiscHealthCheck.InvocationFor(misc.MiscPath, misc.MiscTimeout ?? misc.DelayLoop ?? virtualServer.DelayLoop, misc.User),
                misc.MiscDynamic, realServer.Weight, _services.Scripts),
            FileCheck file => BuildFile(file),
            BfdCheck bfd => new BfdHealthCheck(bfd.Name),
            _ => throw new NotSupportedException($"no health check for {config.GetType().Name}"),
        };
    }

    private FileHealthCheck BuildFile(FileCheck file)
    {
        var track = _services.TrackFiles.FirstOrDefault(t => t.Name == file.TrackFile)
            ?? throw new ArgumentException($"FILE_CHECK tracks unknown track_file '{file.TrackFile}'", nameof(file));
        return new FileHealthCheck(track.File, file.Weight ?? track.Weight, file.Reverse ?? track.Reverse, _services.Time);
    }
}
