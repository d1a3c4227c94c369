namespace Director.TestSupport.Vm;

/// <summary>
/// The xunit collection whose tests share one booted VM. xunit reads collection definitions only
/// from the test assembly itself, so the VM test project declares:
/// <code>
/// [CollectionDefinition(VmCollection.Name, DisableParallelization = true)]
/// public sealed class VmCollectionDefinition : ICollectionFixture&lt;VmFixture&gt;;
/// </code>
/// and marks its classes <c>[Collection(VmCollection.Name)]</c> with a <see cref="VmFixture"/> constructor parameter.
/// </summary>
public static class VmCollection
{
    public const string Name = "ipvs-vm";
}
