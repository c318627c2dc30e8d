using Molecule.Plugins.Naming;

namespace Molecule.Tests.Plugins;

public sealed class PluginNamesTests
{
    [Theory]
    [InlineData("careful-bash")]
    [InlineData("Molecule.Audit_2")]
    [InlineData(".hidden")]
    [InlineData("-rf")]
    public void Single_path_segments_are_valid(string name) => PluginNames.IsValid(name).ShouldBeTrue();

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData(".", "'.'")]
    [InlineData("..", "'..'")]
    [InlineData("a/b", "'/'")]
    [InlineData("/abs", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a..b", "'..'")]
    [InlineData("new\nline", "control")]
    [InlineData("nul\0", "control")]
    public void Anything_that_is_not_one_safe_segment_is_refused(string? name, string reason)
    {
        PluginNames.IsValid(name).ShouldBeFalse();
        PluginNames.Problem(name).ShouldNotBeNull().ShouldContain(reason);
    }
}
