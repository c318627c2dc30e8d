using Molecule.Plugins.Manifest;

namespace Molecule.Tests.Plugins;

public sealed class PluginManifestReaderTests
{
    [Fact]
    public void The_directory_name_wins_over_the_name_in_the_file()
    {
        var plugin = PluginManifestReader.Read("dir-name", """
            name: other-name
            version: "2.0"
            description: Does things
            author: Molecule
            tags: [a]
            skills: [s1, s2]
            runtimes: [claude-code]
            """);

        plugin.ShouldBe(new PluginInfo("dir-name", "2.0", "Does things", "Molecule", ["a"], ["s1", "s2"], ["claude-code"]),
            new PluginInfoComparer());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("- just\n- a list\n")]
    [InlineData("key: [unterminated\n")]
    public void Missing_unreadable_or_non_mapping_files_give_the_name_alone(string? yaml)
    {
        var plugin = PluginManifestReader.Read("p", yaml);

        plugin.Name.ShouldBe("p");
        plugin.Version.ShouldBe("");
        plugin.Description.ShouldBe("");
        plugin.Author.ShouldBe("");
        plugin.Tags.ShouldBeNull();
        plugin.Skills.ShouldBeNull();
        plugin.Runtimes.ShouldBeNull();
    }

    [Fact]
    public void Fields_of_the_wrong_shape_read_as_empty_or_absent()
    {
        var plugin = PluginManifestReader.Read("p", """
            version: [1, 2]
            author: null
            tags: not-a-list
            skills:
              - ok
              - {nested: map}
              - [nested, list]
              - ~
            runtimes: []
            """);

        plugin.Version.ShouldBe("");
        plugin.Author.ShouldBe("");
        plugin.Tags.ShouldBeNull();
        plugin.Skills.ShouldBe(["ok"]);
        plugin.Runtimes.ShouldNotBeNull().ShouldBeEmpty();
    }

    private sealed class PluginInfoComparer : IEqualityComparer<PluginInfo>
    {
        public bool Equals(PluginInfo? x, PluginInfo? y) =>
            x is not null && y is not null
            && (x.Name, x.Version, x.Description, x.Author, x.SupportedOnRuntime) == (y.Name, y.Version, y.Description, y.Author, y.SupportedOnRuntime)
            && Same(x.Tags, y.Tags) && Same(x.Skills, y.Skills) && Same(x.Runtimes, y.Runtimes);

        public int GetHashCode(PluginInfo obj) => obj.Name.GetHashCode(StringComparison.Ordinal);

        private static bool Same(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
            a is null ? b is null : b is not null && a.SequenceEqual(b);
    }
}
