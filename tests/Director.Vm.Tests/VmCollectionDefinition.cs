using Director.TestSupport.Vm;

namespace Director.Vm.Tests;

[CollectionDefinition(VmCollection.Name, DisableParallelization = true)]
public sealed class VmCollectionDefinition : ICollectionFixture<VmFixture>;
