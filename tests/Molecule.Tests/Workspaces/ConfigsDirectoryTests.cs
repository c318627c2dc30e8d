using Molecule.Workspaces.Templates;

namespace Molecule.Tests.Workspaces;

public sealed class ConfigsDirectoryTests
{
    private readonly ConfigsDirectory _configs = new("/srv/configs", "/");

    [Theory]
    [InlineData("researcher", "/srv/configs/researcher")]
    [InlineData("team/lead", "/srv/configs/team/lead")]
    [InlineData("./researcher/", "/srv/configs/researcher")]
    public void Names_inside_the_root_resolve(string name, string expected)
    {
        _configs.Resolve(name).ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../configs-evil")]
    [InlineData("/etc")]
    [InlineData("a/../../x")]
    [InlineData("nul\0")]
    public void Names_that_escape_or_name_the_root_do_not(string name)
    {
        _configs.Resolve(name).ShouldBeNull();
    }

    [Fact]
    public void A_relative_configured_root_is_taken_from_the_working_directory()
    {
        new ConfigsDirectory("templates", "/app").Root.ShouldBe("/app/templates");
    }
}
