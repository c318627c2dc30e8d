using Molecule.Plugins.Staging;
using Molecule.Testing;

namespace Molecule.Tests.Plugins;

public sealed class SafeTarExtractorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("plugin-tar-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Files_and_directories_land_below_the_stripped_wrapper()
    {
        var tar = PluginsTarballs.Tar(
            PluginsTarItem.Dir("repo-v1"),
            PluginsTarItem.File("repo-v1/plugin.yaml", "name: p\n"),
            PluginsTarItem.Dir("repo-v1/skills/empty"),
            PluginsTarItem.File("repo-v1/./skills/s.md", "skill"));

        var result = await ExtractAsync(tar, stripComponents: 1);

        result.Files.ShouldBe(2);
        File.ReadAllText(Path.Combine(_root, "plugin.yaml")).ShouldBe("name: p\n");
        File.ReadAllText(Path.Combine(_root, "skills", "s.md")).ShouldBe("skill");
        Directory.Exists(Path.Combine(_root, "skills", "empty")).ShouldBeTrue();
        File.Exists(Path.Combine(_root, "repo-v1")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("repo/../../escape.txt", "'..'")]
    [InlineData("../escape.txt", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    public async Task Entries_that_climb_out_or_are_absolute_refuse_the_archive(string name, string reason)
    {
        var tar = PluginsTarballs.Tar(PluginsTarItem.File("repo/ok.txt", "ok"), PluginsTarItem.File(name, "evil"));

        var error = await Should.ThrowAsync<UnsafeArchiveException>(() => ExtractAsync(tar, stripComponents: 1));

        error.Message.ShouldContain(reason);
        File.Exists(Path.Combine(Path.GetDirectoryName(_root)!, "escape.txt")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../../outside")]
    [InlineData("sub/../../../x")]
    public async Task Symlinks_pointing_outside_refuse_the_archive(string target)
    {
        var tar = PluginsTarballs.Tar(PluginsTarItem.Symlink("repo/link", target));

        await Should.ThrowAsync<UnsafeArchiveException>(() => ExtractAsync(tar, stripComponents: 1));
    }

    [Fact]
    public async Task Hard_links_outside_the_tree_refuse_the_archive()
    {
        var tar = PluginsTarballs.Tar(PluginsTarItem.HardLink("repo/link", "../secret"));

        await Should.ThrowAsync<UnsafeArchiveException>(() => ExtractAsync(tar, stripComponents: 1));
    }

    [Fact]
    public async Task Links_inside_the_tree_become_copies_of_files_and_are_never_links_on_disk()
    {
        var tar = PluginsTarballs.Tar(
            PluginsTarItem.File("repo/docs/real.md", "content"),
            PluginsTarItem.Symlink("repo/alias.md", "docs/real.md"),
            PluginsTarItem.Symlink("repo/docs/chain.md", "../alias.md"),
            PluginsTarItem.HardLink("repo/hard.md", "repo/docs/real.md"),
            PluginsTarItem.Symlink("repo/dirlink", "docs"),
            PluginsTarItem.Symlink("repo/dangling", "missing"),
            PluginsTarItem.Symlink("repo/loop-a", "loop-b"),
            PluginsTarItem.Symlink("repo/loop-b", "loop-a"));

        var result = await ExtractAsync(tar, stripComponents: 1);

        result.LinksCopied.ShouldBe(3);
        result.LinksSkipped.ShouldBe(4);
        File.ReadAllText(Path.Combine(_root, "alias.md")).ShouldBe("content");
        File.ReadAllText(Path.Combine(_root, "docs", "chain.md")).ShouldBe("content");
        File.ReadAllText(Path.Combine(_root, "hard.md")).ShouldBe("content");
        Path.Exists(Path.Combine(_root, "dirlink")).ShouldBeFalse();
        Path.Exists(Path.Combine(_root, "dangling")).ShouldBeFalse();
        new DirectoryInfo(_root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .ShouldAllBe(info => info.LinkTarget == null);
    }

    [Fact]
    public async Task The_budget_stops_extraction_as_soon_as_it_is_exceeded()
    {
        var tar = PluginsTarballs.Tar(
            PluginsTarItem.File("repo/a", new string('a', 600)),
            PluginsTarItem.File("repo/b", new string('b', 600)));

        await Should.ThrowAsync<StagingLimitExceededException>(() => ExtractAsync(tar, stripComponents: 1, maxBytes: 1000));

        File.Exists(Path.Combine(_root, "a")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_file_and_a_directory_of_the_same_name_refuse_the_archive()
    {
        var tar = PluginsTarballs.Tar(PluginsTarItem.File("repo/x", "file"), PluginsTarItem.File("repo/x/y", "nested"));

        await Should.ThrowAsync<Exception>(() => ExtractAsync(tar, stripComponents: 1));
    }

    [Fact]
    public void Relative_paths_drop_dot_segments_and_the_stripped_prefix()
    {
        SafeTarExtractor.RelativePath("repo-v1/", 1).ShouldBeNull();
        SafeTarExtractor.RelativePath("./repo-v1/a/./b", 1).ShouldBe("a/b");
        SafeTarExtractor.RelativePath("a//b", 0).ShouldBe("a/b");
        SafeTarExtractor.SymlinkTarget("a/b/link", "../c").ShouldBe("a/c");
        SafeTarExtractor.SymlinkTarget("link", "./x/y").ShouldBe("x/y");
    }

    private async Task<TarExtraction> ExtractAsync(byte[] tar, int stripComponents, long maxBytes = 1 << 20)
    {
        using var stream = new MemoryStream(tar);
        return await SafeTarExtractor.ExtractAsync(stream, _root, new StagingBudget(maxBytes), stripComponents, default);
    }
}
