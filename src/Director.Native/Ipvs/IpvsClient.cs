using System.Net;

namespace Director.Native.Ipvs;

/// <summary>IPVS commands over a generic netlink channel whose "IPVS" family id is known.</summary>
public sealed class IpvsClient
{
    private readonly IGenericNetlinkChannel _channel;

    public IpvsClient(IGenericNetlinkChannel channel, ushort familyId)
    {
        _channel = channel;
        FamilyId = familyId;
    }

    public ushort FamilyId { get; }

    public void AddService(IpvsService service) =>
        _channel.Exchange(IpvsMessageEncoder.NewService(FamilyId, service), $"IPVS add service {service.Key}");

    public void EditService(IpvsService service) =>
        _channel.Exchange(IpvsMessageEncoder.SetService(FamilyId, service), $"IPVS edit service {service.Key}");

    public void DeleteService(IpvsServiceKey key) =>
        _channel.Exchange(IpvsMessageEncoder.DeleteService(FamilyId, key), $"IPVS delete service {key}");

    public void AddDestination(IpvsServiceKey service, IpvsDestination destination) =>
        _channel.Exchange(IpvsMessageEncoder.NewDestination(FamilyId, service, destination), $"IPVS add destination {destination} to {service}");

    public void EditDestination(IpvsServiceKey service, IpvsDestination destination) =>
        _channel.Exchange(IpvsMessageEncoder.SetDestination(FamilyId, service, destination), $"IPVS edit destination {destination} of {service}");

    public void DeleteDestination(IpvsServiceKey service, IPAddress address, ushort port) =>
        _channel.Exchange(IpvsMessageEncoder.DeleteDestination(FamilyId, service, address, port), $"IPVS delete destination {address}:{port} of {service}");

    public IReadOnlyList<IpvsServiceEntry> ListServices() =>
        _channel.Exchange(IpvsMessageEncoder.GetServices(FamilyId), "IPVS list services")
            .Select(IpvsMessageDecoder.DecodeService)
            .ToList();

    public IReadOnlyList<IpvsDestinationEntry> ListDestinations(IpvsServiceKey service) =>
        _channel.Exchange(IpvsMessageEncoder.GetDestinations(FamilyId, service), $"IPVS list destinations of {service}")
            .Select(reply => IpvsMessageDecoder.DecodeDestination(reply, service.Family))
            .ToList();

    public void SetTimeouts(IpvsTimeouts timeouts) =>
        _channel.Exchange(IpvsMessageEncoder.SetTimeouts(FamilyId, timeouts), "IPVS set timeouts");

    public void StartDaemon(IpvsSyncDaemon daemon) =>
        _channel.Exchange(IpvsMessageEncoder.StartDaemon(FamilyId, daemon), $"IPVS start {daemon.State} sync daemon on {daemon.Interface}");

    public void StopDaemon(IpvsSyncState state) =>
        _channel.Exchange(IpvsMessageEncoder.StopDaemon(FamilyId, state), $"IPVS stop {state} sync daemon");

    /// <summary>Removes every service and destination (ipvsadm -C).</summary>
    public void Flush() => _channel.Exchange(IpvsMessageEncoder.Flush(FamilyId), "IPVS flush");
}
