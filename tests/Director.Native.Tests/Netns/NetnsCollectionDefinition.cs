using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

[CollectionDefinition(NetnsCollection.Name, DisableParallelization = true)]
public sealed class NetnsCollectionDefinition;
