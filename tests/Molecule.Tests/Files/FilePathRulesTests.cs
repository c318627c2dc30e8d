using Molecule.Files.Paths;
using Molecule.Files.Templates;

namespace Molecule.Tests.Files;

public sealed class FilePathRulesTests
{
    [Theory]
    [InlineData("config.yaml", "config.yaml")]
    [InlineData("skills/a/SKILL.md", "skills/a/SKILL.md")]
    [InlineData("a//b/./c/", "a/b/c")]
    [InlineData("./config.yaml", "config.yaml")]
    [InlineData("notes 2024 (final).md", "notes 2024 (final).md")]
    [InlineData("100%25.txt", "100%25.txt")]
    [InlineData("ünïcode/файл.txt", "ünïcode/файл.txt")]
    public void Accepted_paths_come_back_normalised(string raw, string expected) =>
        RelativeFilePath.Normalize(raw).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("./")]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("/etc/passwd")]
    [InlineData("../../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("a/..")]
    [InlineData("..")]
    [InlineData("a..b")]
    [InlineData("%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("%2E%2E%2Fetc")]
    [InlineData("%252e%252e/etc")]
    [InlineData("%25252e%25252e/etc")]
    [InlineData("%2Fetc/passwd")]
    [InlineData("a/%2e%2e")]
    [InlineData("..\\..\\etc\\passwd")]
    [InlineData("a\\b")]
    [InlineData("%5c..%5cetc")]
    [InlineData("a\0b")]
    [InlineData("a%00b")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    public void Traversal_absolute_and_control_paths_are_refused(string? raw) =>
        RelativeFilePath.Normalize(raw).ShouldBeNull();

    [Fact]
    public void Over_long_paths_and_names_are_refused()
    {
        RelativeFilePath.Normalize(new string('a', 256)).ShouldBeNull();
        RelativeFilePath.Normalize(new string('a', 255)).ShouldNotBeNull();
        RelativeFilePath.Normalize(string.Join('/', Enumerable.Repeat("abcdefg", 600))).ShouldBeNull();
        RelativeFilePath.Normalize(new string('é', 128)).ShouldBeNull(); // 256 bytes in UTF-8
    }

    [Theory]
    [InlineData(null, "/configs")]
    [InlineData("", "/configs")]
    [InlineData("/configs", "/configs")]
    [InlineData("/workspace", "/workspace")]
    [InlineData("/home", "/home")]
    [InlineData("/plugins", "/plugins")]
    public void Roots_are_the_four_directories(string? raw, string expected)
    {
        FileRoots.TryParse(raw, out var root).ShouldBeTrue();
        root.ShouldBe(expected);
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("/configs/")]
    [InlineData("configs")]
    [InlineData("/CONFIGS")]
    [InlineData("/configs/../etc")]
    [InlineData("/")]
    public void Other_roots_are_refused(string raw) => FileRoots.TryParse(raw, out _).ShouldBeFalse();

    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("1", 1)]
    [InlineData("5", 5)]
    public void Depth_defaults_to_one_and_allows_one_to_five(string? raw, int expected)
    {
        ListingRules.TryParseDepth(raw, out var depth).ShouldBeTrue();
        depth.ShouldBe(expected);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void Other_depths_are_refused(string raw) => ListingRules.TryParseDepth(raw, out _).ShouldBeFalse();

    [Theory]
    [InlineData(null, DownloadPath.Required)]
    [InlineData("", DownloadPath.Required)]
    [InlineData("workspace/a.txt", DownloadPath.NotAbsolute)]
    [InlineData("/etc/passwd", DownloadPath.OutsideRoots)]
    [InlineData("/workspacex/a", DownloadPath.OutsideRoots)]
    [InlineData("/workspace/../etc/passwd", RelativeFilePath.Invalid)]
    [InlineData("/workspace//a.txt", RelativeFilePath.Invalid)]
    [InlineData("/workspace/./a.txt", RelativeFilePath.Invalid)]
    [InlineData("/workspace/dir/", RelativeFilePath.Invalid)]
    [InlineData("/workspace/%2e%2e/etc/passwd", RelativeFilePath.Invalid)]
    [InlineData("/workspace/a\\..\\b", RelativeFilePath.Invalid)]
    [InlineData("/workspace/a\0b", RelativeFilePath.Invalid)]
    public void Download_paths_are_refused_with_the_reference_texts(string? raw, string expected) =>
        DownloadPath.Refusal(raw).ShouldBe(expected);

    [Theory]
    [InlineData("/workspace/.molecule/chat-uploads/abc-report.pdf")]
    [InlineData("/configs/config.yaml")]
    [InlineData("/home/agent/notes.txt")]
    [InlineData("/plugins")]
    public void Clean_absolute_paths_under_a_root_may_be_downloaded(string raw) =>
        DownloadPath.Refusal(raw).ShouldBeNull();
}
