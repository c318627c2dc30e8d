using System.Formats.Tar;
using System.Text;
using Molecule.Kernel.Templates;
using Molecule.Provisioner.Docker;

namespace Molecule.Tests.Provisioner;

public sealed class ConfigFilesTests
{
    [Fact]
    public void A_generated_config_follows_the_reference_layout()
    {
        GeneratedConfig.Render("Research \"Bot\"", "finds\r\npapers", 2, "langgraph", null).ShouldBe(
            "name: \"Research \\\"Bot\\\"\"\ndescription: \"finds papers\"\nversion: 1.0.0\ntier: 2\nruntime: langgraph\nmodel: \"anthropic:claude-opus-4-7\"\n");
        GeneratedConfig.Render("cc", null, 3, "claude-code", null).ShouldBe(
            "name: \"cc\"\ndescription: \"\"\nversion: 1.0.0\ntier: 3\nruntime: claude-code\nmodel: \"sonnet\"\nruntime_config:\n  timeout: 0\n");
        GeneratedConfig.Render("d", "r", 2, "deepagents", "openai:gpt").ShouldEndWith("runtime: deepagents\nmodel: \"openai:gpt\"\n");
    }

    [Fact]
    public void Quoting_escapes_like_go()
    {
        GeneratedConfig.Quote("a\\b\tc\u0001").ShouldBe("\"a\\\\b\\tc\\x01\"");
    }

    [Fact]
    public void The_archive_holds_the_template_then_generated_files_then_the_token()
    {
        var template = Directory.CreateTempSubdirectory("molecule-template-");
        try
        {
            Directory.CreateDirectory(Path.Combine(template.FullName, "skills"));
            File.WriteAllText(Path.Combine(template.FullName, "config.yaml"), "runtime: langgraph\r\n");
            File.WriteAllText(Path.Combine(template.FullName, "skills", "run.sh"), "echo hi\r\necho there\r\n");
            File.CreateSymbolicLink(Path.Combine(template.FullName, "passwd"), "/etc/passwd");

            var entries = Read(ConfigArchive.Build(template.FullName, new Dictionary<string, string> { ["extra.yaml"] = "x: 1\n" }, "tok3n", DateTimeOffset.UnixEpoch));

            entries.Select(e => e.Name).ShouldBe(["config.yaml", "skills/", "skills/run.sh", "extra.yaml", ".auth_token"]);
            entries.Single(e => e.Name == "config.yaml").Text.ShouldBe("runtime: langgraph\r\n");
            entries.Single(e => e.Name == "skills/run.sh").Text.ShouldBe("echo hi\necho there\n");
            entries.Single(e => e.Name == ".auth_token").Text.ShouldBe("tok3n");
            entries.Single(e => e.Name == ".auth_token").Mode.ShouldBe(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            ConfigArchive.TemplateHasConfig(template.FullName).ShouldBeTrue();
        }
        finally
        {
            template.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_a_template_only_the_token_is_written()
    {
        Read(ConfigArchive.Build(null, new Dictionary<string, string>(), "t", DateTimeOffset.UnixEpoch)).Select(e => e.Name).ShouldBe([".auth_token"]);
        ConfigArchive.TemplateHasConfig(null).ShouldBeFalse();
    }

    private static List<(string Name, string Text, UnixFileMode Mode)> Read(MemoryStream tar)
    {
        var entries = new List<(string, string, UnixFileMode)>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            var text = entry.DataStream is null ? "" : new StreamReader(entry.DataStream, Encoding.UTF8).ReadToEnd();
            entries.Add((entry.Name, text, entry.Mode));
        }

        return entries;
    }
}
