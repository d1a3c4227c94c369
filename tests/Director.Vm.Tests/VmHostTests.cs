using Director.TestSupport.Vm;

namespace Director.Vm.Tests;

/// <summary>The VM test host itself: the kernel the IPVS tests need, and failures that say why.</summary>
[Collection(VmCollection.Name)]
public sealed class VmHostTests(VmFixture fixture)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Boots_debians_kernel_with_ipvs_every_scheduler_and_ipip()
    {
        var result = await fixture.Vm.RunAsync(
            """
            set -e
            uname -r
            for s in rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh; do modprobe ip_vs_$s; done
            cat /proc/net/ip_vs | head -1
            modprobe ipip && ip netns add vmhost-probe && ip -n vmhost-probe link add vmh-t0 type ipip remote 10.9.9.9 && echo ipip-ok
            ip netns del vmhost-probe
            """, Minute);

        result.EnsureSuccess("the kernel probe");
        Assert.Matches(@"^\d+\.\d+\.\d+-\d+-amd64$", fixture.Vm.KernelRelease);
        Assert.NotEqual(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), fixture.Vm.KernelRelease);
        Assert.StartsWith("IP Virtual Server version", result.Output.Split('\n')[1], StringComparison.Ordinal);
        Assert.Contains("ipip-ok", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_returns_its_exit_status_and_output_and_a_hung_one_times_out()
    {
        var failing = await fixture.Vm.RunAsync("echo on-stdout; echo on-stderr >&2; exit 7", Minute);
        var hung = await fixture.Vm.RunAsync("echo started; sleep 600", TimeSpan.FromSeconds(2));
        var after = await fixture.Vm.RunAsync("echo still-serving", Minute);

        Assert.Equal(7, failing.ExitCode);
        Assert.Contains("on-stdout", failing.Output, StringComparison.Ordinal);
        Assert.Contains("on-stderr", failing.Output, StringComparison.Ordinal);
        Assert.True(hung.TimedOut, hung.Output);
        Assert.Contains("started", hung.Output, StringComparison.Ordinal);
        after.EnsureSuccess("a script after a timed-out one");
    }

    [Fact]
    public async Task The_hosts_root_is_read_only_underneath_and_writes_stay_inside_the_vm()
    {
        var marker = $"/work-vm-marker-{Guid.NewGuid():N}";
        var result = await fixture.Vm.RunAsync($"touch {marker} && test -e {marker} && echo written", Minute);

        result.EnsureSuccess("a write inside the VM");
        Assert.False(File.Exists(marker), "a write inside the VM reached the host's file system");
    }

    [Fact]
    public async Task A_vm_that_cannot_boot_fails_with_the_reason()
    {
        // 1 MiB of memory: QEMU or the kernel gives up before the guest agent is up.
        var failure = await Assert.ThrowsAsync<VmUnavailableException>(() => TestVm.BootAsync(memoryMegabytes: 1));

        Assert.Contains("console", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_published_daemon_runs_inside()
    {
        var director = VmArtifacts.PublishedDirector;
        var result = await fixture.Vm.RunAsync($"{director} --version", TimeSpan.FromMinutes(2));

        result.EnsureSuccess("director --version");
        Assert.Contains("director", result.Output, StringComparison.OrdinalIgnoreCase);
    }
}
