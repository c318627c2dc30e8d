using Molecule.Kernel.Templates;

namespace Molecule.Tests.Kernel;

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

    [Fact]
    public void Without_CONFIGS_DIR_the_nearest_directory_holding_a_template_is_the_root()
    {
        var top = Directory.CreateTempSubdirectory("molecule-discover-");
        try
        {
            var working = Directory.CreateDirectory(Path.Combine(top.FullName, "a", "b"));
            var empty = Directory.CreateDirectory(Path.Combine(working.FullName, ConfigsDirectory.DiscoveredName));
            var aboveTwo = Directory.CreateDirectory(Path.Combine(top.FullName, ConfigsDirectory.DiscoveredName, "researcher"));
            File.WriteAllText(Path.Combine(aboveTwo.FullName, GeneratedConfig.FileName), "name: r\n");

            var discovered = new ConfigsDirectory(null, working.FullName);

            discovered.IsConfigured.ShouldBeFalse();
            discovered.Root.ShouldBe(Path.Combine(top.FullName, ConfigsDirectory.DiscoveredName), "a directory without a template is skipped");
            discovered.TemplateDirectories().ShouldBe([aboveTwo.FullName]);

            Directory.CreateDirectory(Path.Combine(empty.FullName, "own"));
            File.WriteAllText(Path.Combine(empty.FullName, "own", GeneratedConfig.FileName), "name: own\n");
            new ConfigsDirectory(" ", working.FullName).Root.ShouldBe(empty.FullName);
        }
        finally
        {
            top.Delete(recursive: true);
        }
    }

    [Fact]
    public void Nothing_found_falls_back_to_the_default_name_under_the_working_directory()
    {
        new ConfigsDirectory(null, "/nonexistent/molecule/app").Root.ShouldBe("/nonexistent/molecule/app/" + ConfigsDirectory.DiscoveredName);
        new ConfigsDirectory(null, "/nonexistent/molecule/app").TemplateDirectories().ShouldBeEmpty();
    }

    [Fact]
    public void A_subdirectory_listing_never_leaves_the_root()
    {
        _configs.TemplateDirectories("../..").ShouldBeEmpty();
        new ConfigsDirectory("/srv/configs/", "/").Root.ShouldBe("/srv/configs");
    }
}
