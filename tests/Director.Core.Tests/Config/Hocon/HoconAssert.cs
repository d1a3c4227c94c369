using Director.Core.Config.Hocon;

namespace Director.Core.Tests.Config.Hocon;

internal static class HoconAssert
{
    /// <summary>Writes, reads back, and checks the model is equal with no errors or warnings; returns the text.</summary>
    public static string RoundTrips<T>(T model, bool writeDefaults = true) where T : class
    {
        var text = HoconTopology.Write(model, new HoconWriteOptions { WriteDefaults = writeDefaults });
        var result = HoconTopology.Read<T>(text, "test.conf");
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors) + "\n---\n" + text);
        Assert.True(result.Warnings.Count == 0, string.Join("\n", result.Warnings) + "\n---\n" + text);
        Assert.Equal(model, result.Model);
        Assert.Equal(text, HoconTopology.Write(result.Model!, new HoconWriteOptions { WriteDefaults = writeDefaults }));
        return text;
    }

    public static HoconReadResult<T> Reads<T>(string topologyBody) where T : class =>
        HoconTopology.Read<T>("director.topology {\n" + topologyBody + "\n}\n", "test.conf");
}
