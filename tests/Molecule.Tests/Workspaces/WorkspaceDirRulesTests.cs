using Molecule.Workspaces.Rules;

namespace Molecule.Tests.Workspaces;

public sealed class WorkspaceDirRulesTests
{
    [Theory]
    [InlineData("/home/me/project")]
    [InlineData("/srv/agents/a")]
    [InlineData("/lib64/not-lib")]
    [InlineData("/usrdata")]
    [InlineData("/opt/work/")]
    public void Absolute_directories_outside_system_trees_are_allowed(string directory)
    {
        WorkspaceDirRules.IsAllowedDirectory(directory).ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("relative")]
    [InlineData("~/project")]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("/home/../root")]
    [InlineData("/home/me/..")]
    [InlineData("/etc")]
    [InlineData("/etc/")]
    [InlineData("/var/lib/docker")]
    [InlineData("/proc/1")]
    [InlineData("/sys")]
    [InlineData("/dev/sda")]
    [InlineData("/boot")]
    [InlineData("/sbin")]
    [InlineData("/bin")]
    [InlineData("/lib/modules")]
    [InlineData("/usr")]
    [InlineData("//etc")]
    [InlineData("/./etc/passwd")]
    [InlineData("/home/me\0/x")]
    public void Relative_escaping_root_and_system_directories_are_refused(string directory)
    {
        WorkspaceDirRules.IsAllowedDirectory(directory).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null, "none")]
    [InlineData("", "none")]
    [InlineData("none", "none")]
    [InlineData("read_only", "read_only")]
    [InlineData("read_write", "read_write")]
    [InlineData("READ_ONLY", null)]
    [InlineData("rw", null)]
    public void Access_values_are_exact(string? access, string? normalized)
    {
        WorkspaceDirRules.NormalizeAccess(access).ShouldBe(normalized);
    }

    [Fact]
    public void Only_mounted_access_needs_a_directory()
    {
        WorkspaceDirRules.AccessNeedsDirectory("none").ShouldBeFalse();
        WorkspaceDirRules.AccessNeedsDirectory("read_only").ShouldBeTrue();
        WorkspaceDirRules.AccessNeedsDirectory("read_write").ShouldBeTrue();
    }
}
