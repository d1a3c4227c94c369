namespace Director.Native.Tests.Ipvs;

/// <summary>
/// global_defs lvs_timeouts and lvs_flush at start, as keepalived's checker sends them through
/// libipvs: the same messages as <c>ipvsadm --set TCP TCPFIN UDP</c> then <c>ipvsadm -C</c>.
/// </summary>
public sealed class IpvsStartSettingsTests : IClassFixture<IpvsadmCapture>
{
    private readonly IpvsadmCapture _ipvsadm;
    private readonly RecordingChannel _channel = new();

    public IpvsStartSettingsTests(IpvsadmCapture ipvsadm) => _ipvsadm = ipvsadm;

    private Director.Native.Ipvs.IpvsBackend Backend() => new(new Director.Native.Ipvs.IpvsClient(_channel, IpvsadmCapture.FakeFamilyId));

    [Fact]
    public void Timeouts_then_flush_as_ipvsadm_sends_them()
    {
        Backend().ApplyStartSettings(new Director.Native.Ipvs.IpvsTimeouts(900, 0, 60), flush: true);

        Assert.Equal(
            [IpvsAttributeTree.Render(_ipvsadm.RunCommand("--set", "900", "0", "60")), IpvsAttributeTree.Render(_ipvsadm.RunCommand("-C"))],
            _channel.Sent.Select(IpvsAttributeTree.Render));
    }

    [Fact]
    public void Nothing_is_sent_without_lvs_timeouts_or_lvs_flush()
    {
        Backend().ApplyStartSettings(new Director.Native.Ipvs.IpvsTimeouts(0, 0, 0), flush: false);
        Backend().ApplyStartSettings(null, flush: false);

        Assert.Empty(_channel.Sent);
    }
}
