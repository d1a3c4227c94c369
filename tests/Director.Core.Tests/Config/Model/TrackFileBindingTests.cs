using Director.Core.Config.Model;

namespace Director.Core.Tests.Config.Model;

public sealed class TrackFileBindingTests
{
    [Fact]
    public void Track_files_bind_at_top_level_and_in_instances()
    {
        var config = Load.Valid("""
            track_file maintenance {
                file /run/maint
                weight -10 reverse
                init_file 0 overwrite
            }
            vrrp_track_file plain {
                file /run/plain
            }
            vrrp_instance V {
                interface eth0
                virtual_router_id 1
                virtual_ipaddress {
                    10.0.0.1
                }
                track_file {
                    maintenance
                    plain weight 5 noreverse
                }
            }
            """);

        Assert.Equal(
            [
                new TrackFile { Name = "maintenance", File = "/run/maint", Weight = -10, Reverse = true, InitFile = new TrackFileInit { Value = 0, Overwrite = true } },
                new TrackFile { Name = "plain", File = "/run/plain" },
            ],
            config.TrackFile);
        Assert.Equal([new TrackedFile { Name = "maintenance" }, new TrackedFile { Name = "plain", Weight = 5, Reverse = false }],
            config.VrrpInstance.Single().TrackFile);
    }

    [Theory]
    [InlineData("track_file t {\n weight 3\n}", "t.conf:1: error: track_file: t: missing file")]
    [InlineData("track_file t {\n file /x\n weight 300\n}", "t.conf:3: error: weight: expected an integer -254-254, got '300'")]
    [InlineData("vrrp_instance V {\n interface eth0\n virtual_router_id 1\n track_file {\n none\n }\n}", "t.conf:1: error: vrrp_instance: V: track_file 'none' is not defined")]
    public void Track_file_errors(string text, string expected)
    {
        Assert.Contains(expected, Load.Lines(text));
    }
}
