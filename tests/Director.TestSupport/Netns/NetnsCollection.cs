namespace Director.TestSupport.Netns;

/// <summary>
/// Name of the xunit collection for tests that use a <see cref="NetworkLab"/>. xunit reads
/// collection definitions only from the test assembly itself, so each test project declares:
/// <code>
/// [CollectionDefinition(NetnsCollection.Name, DisableParallelization = true)]
/// public sealed class NetnsCollectionDefinition;
/// </code>
/// and marks its classes <c>[Collection(NetnsCollection.Name)]</c>.
/// </summary>
public static class NetnsCollection
{
    public const string Name = "netns";
}
