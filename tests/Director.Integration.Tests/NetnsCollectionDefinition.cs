using Director.TestSupport.Netns;

namespace Director.Integration.Tests;

/// <summary>Tests that build network namespaces run one at a time (see <see cref="NetnsCollection"/>).</summary>
[CollectionDefinition(NetnsCollection.Name, DisableParallelization = true)]
public sealed class NetnsCollectionDefinition;
