using Director.Actors.Scripts;

namespace Director.Actors.Tests.Scripts;

public class PasswdLookupTests
{
    [Fact]
    public void Finds_the_primary_group_of_a_listed_user()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["root:x:0:0:root:/root:/bin/bash", "keepalived_script:x:998:997::/nonexistent:/usr/sbin/nologin"]);
            Assert.Equal("997", PasswdLookup.PrimaryGroupId("keepalived_script", file));
            Assert.Null(PasswdLookup.PrimaryGroupId("nobody-here", file));
            Assert.Null(PasswdLookup.PrimaryGroupId("root", file + ".missing"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
