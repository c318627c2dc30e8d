using Molecule.Plugins.Backends;

namespace Molecule.Tests.Plugins;

public sealed class ClaudeMdBlocksTests
{
    [Fact]
    public void A_plugin_section_goes_up_to_its_second_blank_line_which_is_kept()
    {
        var text = """
            # Workspace

            # Plugin: careful-bash / rules
            Ask before rm.

            More rules.

            # Own notes
            keep me

            """;

        ClaudeMdBlocks.Remove(text, "careful-bash").ShouldBe("""
            # Workspace


            # Own notes
            keep me

            """);
    }

    [Fact]
    public void A_section_ends_at_the_next_plugin_header_which_is_kept()
    {
        var text = "# Plugin: a / x\nbody a\n# Plugin: b / y\nbody b\n# Plugin: a / z\nagain a\n";

        ClaudeMdBlocks.Remove(text, "a").ShouldBe("# Plugin: b / y\nbody b\n");
    }

    [Fact]
    public void Other_plugins_and_prefixes_of_the_name_are_left_alone()
    {
        var text = "# Plugin: careful-bash-extra / x\nstays\n# Plugin: careful / y\nstays too\n";

        ClaudeMdBlocks.Remove(text, "careful-bash").ShouldBe(text);
        ClaudeMdBlocks.Remove(text, "careful").ShouldBe("# Plugin: careful-bash-extra / x\nstays\n");
    }

    [Fact]
    public void Removing_everything_leaves_an_empty_file()
    {
        ClaudeMdBlocks.Remove("# Plugin: p / only\nline", "p").ShouldBe("");
    }
}
