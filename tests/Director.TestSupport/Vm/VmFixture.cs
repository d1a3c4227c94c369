using Xunit;

namespace Director.TestSupport.Vm;

/// <summary>One VM booted for a whole collection of tests (a boot costs ~20 s of TCG emulation).</summary>
public sealed class VmFixture : IAsyncLifetime
{
    private TestVm? _vm;

    /// <summary>The booted VM; throws with the boot failure's reason when it did not boot.</summary>
    public TestVm Vm => _vm ?? throw new VmUnavailableException(BootFailure ?? "not booted");

    public string? BootFailure { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            _vm = await TestVm.BootAsync();
        }
        catch (VmUnavailableException e)
        {
            // Kept, not thrown here: xunit would report a fixture failure without the reason on
            // every test; each test that touches Vm fails with it instead.
            BootFailure = e.Message;
        }
    }

    public async Task DisposeAsync()
    {
        if (_vm is not null) await _vm.DisposeAsync();
    }
}
