namespace Director.Integration.Tests.Balancing;

/// <summary>Tests that build network namespaces run one at a time.</summary>
[CollectionDefinition("netns", DisableParallelization = true)]
public sealed class NetnsCollection;
