using Molecule.Files.Backends;
using Molecule.Files.Http;

namespace Molecule.Tests.Files;

public sealed class DockerListingTests
{
    [Fact]
    public void The_listing_runs_find_as_an_argv_array_pruning_skipped_names()
    {
        DockerFindListing.Command("/configs/my dir; rm -rf /", 3).ShouldBe(
        [
            "find", "/configs/my dir; rm -rf /", "-mindepth", "1", "-maxdepth", "3",
            "(", "-name", ".git", "-o", "-name", "__pycache__", "-o", "-name", "node_modules", "-o", "-name", ".DS_Store", ")",
            "-prune", "-o", "-exec", "stat", "-c", "%F|%s|%n", "{}", "+",
        ]);
    }

    [Fact]
    public void Stat_lines_become_entries_relative_to_the_listed_directory()
    {
        const string output = """
            regular file|12|/configs/config.yaml
            directory|4096|/configs/skills
            regular empty file|0|/configs/skills/empty.md
            symbolic link|5|/configs/link
            regular file|7|/configs/odd|name.txt
            """;

        DockerFindListing.Parse(output, "/configs", truncated: false).ShouldBe(
        [
            new FileEntry("config.yaml", 12, false),
            new FileEntry("link", 5, false),
            new FileEntry("odd|name.txt", 7, false),
            new FileEntry("skills", 0, true),
            new FileEntry("skills/empty.md", 0, false),
        ]);
    }

    [Fact]
    public void Lines_that_do_not_parse_or_lie_outside_the_directory_are_dropped()
    {
        const string output = """
            find: /configs/secret: Permission denied
            regular file|x|/configs/a
            regular file|1|/etc/passwd
            directory|4096|/configs/
            regular file|3|/configsX/b
            regular file|3|/configs/ok
            """;

        DockerFindListing.Parse(output, "/configs", truncated: false).ShouldBe([new FileEntry("ok", 3, false)]);
    }

    [Fact]
    public void A_truncated_listing_loses_its_partial_last_line()
    {
        DockerFindListing.Parse("regular file|1|/w/a\nregular file|2|/w/b", "/w", truncated: true)
            .ShouldBe([new FileEntry("a", 1, false)]);
    }

    [Theory]
    [InlineData("/configs/link", "/configs/real.yaml", "/configs/real.yaml")]
    [InlineData("/configs/sub/link", "../real.yaml", "/configs/real.yaml")]
    [InlineData("/workspace/link", "./a/./b", "/workspace/a/b")]
    [InlineData("/home/agent/link", "/workspace/x", "/workspace/x")]
    public void Links_resolve_within_the_roots(string link, string target, string expected) =>
        DockerContainerPaths.ResolveLink(link, target).ShouldBe(expected);

    [Theory]
    [InlineData("/configs/link", "/etc/shadow")]
    [InlineData("/configs/link", "../etc/shadow")]
    [InlineData("/configs/link", "../../../../")]
    [InlineData("/configs/link", "")]
    public void Links_leading_outside_the_roots_are_not_followed(string link, string target) =>
        DockerContainerPaths.ResolveLink(link, target).ShouldBeNull();

    [Theory]
    [InlineData("/a/./b//c/", "/a/b/c")]
    [InlineData("/../../x", "/x")]
    [InlineData("/", "/")]
    public void Fold_cleans_absolute_paths(string raw, string expected) => DockerContainerPaths.Fold(raw).ShouldBe(expected);
}
