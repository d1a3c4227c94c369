using Director.Core.Config.Binding;
using Director.Core.Config.Hocon;
using Director.Core.Config.Model;
using Director.Core.Config.Validation;

namespace Director.Core.Tests.Config.Topology;

/// <summary>keepalived.conf -> model A -> HOCON -> model B, and A == B, for every configuration in the repository.</summary>
public sealed class KeepalivedHoconRoundTripTests
{
    public static TheoryData<string> Files => ConfigFiles.Relative();

    [Theory]
    [MemberData(nameof(Files))]
    public void Hocon_written_with_defaults_reads_back_to_the_same_model(string file) => RoundTrip(file, writeDefaults: true);

    [Theory]
    [MemberData(nameof(Files))]
    public void Hocon_written_without_defaults_reads_back_to_the_same_model(string file) => RoundTrip(file, writeDefaults: false);

    [Fact]
    public void The_repository_has_configurations_to_round_trip() =>
        Assert.True(ConfigFiles.KeepalivedFiles().Count() >= 10);

    private static void RoundTrip(string file, bool writeDefaults)
    {
        var loaded = KeepalivedConfigLoader.Load(ConfigFiles.Full(file));
        Assert.True(loaded.Config is not null, string.Join('\n', loaded.Diagnostics));
        var a = loaded.Config!;

        var hocon = HoconTopology.Write(a, new HoconWriteOptions { WriteDefaults = writeDefaults });
        var read = HoconTopology.Read<KeepalivedConfig>(hocon, file + ".hocon");

        Assert.True(read.Errors.Count == 0, string.Join('\n', read.Errors) + "\n" + hocon);
        Assert.Empty(read.Warnings);
        Assert.Equal(a, read.Model);
        Assert.DoesNotContain(ModelValidator.Validate(read.Model!, file + ".hocon"), d => d.IsError);
    }
}
