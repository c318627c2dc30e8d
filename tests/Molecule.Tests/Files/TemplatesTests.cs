using System.Text;
using Molecule.Files.Http;
using Molecule.Files.Templates;
using Molecule.Kernel.Templates;

namespace Molecule.Tests.Files;

public sealed class TemplatesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("molecule-templates-");

    public void Dispose() => _root.Delete(recursive: true);

    [Theory]
    [InlineData("My Agent", "my-agent")]
    [InlineData("SEO-Writer_2", "seo-writer_2")]
    [InlineData("../../etc", "etc")]
    [InlineData("日本", "unnamed")]
    [InlineData("", "unnamed")]
    [InlineData("a.b/c", "abc")]
    public void Workspace_names_normalise_to_safe_directory_names(string name, string expected) =>
        TemplateNames.Normalize(name).ShouldBe(expected);

    [Theory]
    [InlineData("name: Researcher\nruntime: x\n", "Researcher")]
    [InlineData("runtime: x\nname: \"Quoted One\"\n", "Quoted One")]
    [InlineData("skills:\n  name: nested\n", null)]
    [InlineData("", null)]
    public void The_config_name_is_the_first_top_level_name_line(string yaml, string? expected) =>
        TemplateNames.ConfigName(yaml).ShouldBe(expected);

    [Fact]
    public void A_template_is_found_by_directory_name_then_by_config_name()
    {
        Write("my-agent/config.yaml", "name: other\n");
        Write("ws-abc/config.yaml", "name: Researcher\n");
        Write("research-team/config.yaml", "name: researcher\n");
        var templates = new WorkspaceTemplates(new ConfigsDirectory(_root.FullName, "/"));

        templates.Find("My Agent").ShouldBe(Path.Combine(_root.FullName, "my-agent"));
        templates.Find("Researcher").ShouldBe(Path.Combine(_root.FullName, "research-team"));
        templates.Find("nobody").ShouldBeNull();
    }

    [Fact]
    public void A_missing_root_finds_nothing() =>
        new WorkspaceTemplates(new ConfigsDirectory(Path.Combine(_root.FullName, "absent"), "/")).Find("any").ShouldBeNull();

    [Fact]
    public void Listing_walks_to_the_depth_skipping_tool_directories()
    {
        Write("t/config.yaml", "name: t\n");
        Write("t/skills/a/SKILL.md", "# a");
        Write("t/.git/HEAD", "ref");
        Write("t/node_modules/x/index.js", "x");
        Write("t/__pycache__/m.pyc", "x");
        Write("t/.DS_Store", "x");
        var template = Path.Combine(_root.FullName, "t");

        TemplateFiles.List(template, null, 1).ShouldBe([new FileEntry("config.yaml", 8, false), new FileEntry("skills", 0, true)]);
        TemplateFiles.List(template, null, 3).ShouldBe(
        [
            new FileEntry("config.yaml", 8, false),
            new FileEntry("skills", 0, true),
            new FileEntry("skills/a", 0, true),
            new FileEntry("skills/a/SKILL.md", 3, false),
        ]);
        TemplateFiles.List(template, "skills", 2).ShouldBe([new FileEntry("a", 0, true), new FileEntry("a/SKILL.md", 3, false)]);
        TemplateFiles.List(template, "absent", 2).ShouldBeEmpty();
    }

    [Fact]
    public void Reads_never_follow_links_out_of_the_template()
    {
        Write("t/config.yaml", "name: t\n");
        Write("secret.txt", "do not leak");
        var template = Path.Combine(_root.FullName, "t");
        File.CreateSymbolicLink(Path.Combine(template, "leak.txt"), Path.Combine(_root.FullName, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(template, "up"), _root.FullName);

        TemplateFiles.Read(template, "config.yaml", 1024).Content.ShouldBe(Encoding.UTF8.GetBytes("name: t\n"));
        TemplateFiles.Read(template, "leak.txt", 1024).Status.ShouldBe(TemplateReadStatus.NotFound);
        TemplateFiles.Read(template, "up/secret.txt", 1024).Status.ShouldBe(TemplateReadStatus.NotFound);
        TemplateFiles.Read(template, "absent", 1024).Status.ShouldBe(TemplateReadStatus.NotFound);
        TemplateFiles.Read(template, "config.yaml", 3).Status.ShouldBe(TemplateReadStatus.TooLarge);
        TemplateFiles.List(template, "up", 2).ShouldBeEmpty();
        TemplateFiles.List(template, null, 3).ShouldNotContain(entry => entry.Path.StartsWith("up/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writes_create_directories_and_refuse_links()
    {
        var template = Path.Combine(_root.FullName, "t");
        Directory.CreateDirectory(template);
        Directory.CreateSymbolicLink(Path.Combine(template, "up"), _root.FullName);

        await TemplateFiles.WriteAsync(template, [("a/b/c.txt", "abc"u8.ToArray())], CancellationToken.None);

        (await File.ReadAllTextAsync(Path.Combine(template, "a/b/c.txt"))).ShouldBe("abc");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.Combine(template, "a/b/c.txt")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await Should.ThrowAsync<IOException>(() => TemplateFiles.WriteAsync(template, [("up/escaped.txt", "x"u8.ToArray())], CancellationToken.None));
        File.Exists(Path.Combine(_root.FullName, "escaped.txt")).ShouldBeFalse();
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_root.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
