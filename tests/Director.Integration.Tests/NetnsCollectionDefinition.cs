using Director.TestSupport.Netns;

namespace Director.Integration.Tests;

[CollectionDefinition(NetnsCollection.Name, DisableParallelization = true)]
public sealed class NetnsCollectionDefinition;
