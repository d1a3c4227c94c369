using Director.TestSupport.Netns;

namespace Director.Integration.Tests.Vrrp;

[CollectionDefinition(NetnsCollection.Name, DisableParallelization = true)]
public sealed class NetnsCollectionDefinition;
