using Molecule.Files.ChatUploads;

namespace Molecule.Tests.Files;

public sealed class UploadNamesTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("my report (1).pdf", "my_report__1_.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("dir/sub/file.txt", "file.txt")]
    [InlineData("C:\\fakepath\\photo.png", "C__fakepath_photo.png")]
    [InlineData("naïve café.txt", "na_ve_caf_.txt")]
    [InlineData("emoji😀.png", "emoji_.png")]
    [InlineData("", "file")]
    [InlineData(".", "file")]
    [InlineData("..", "file")]
    [InlineData("a/..", "file")]
    [InlineData("dir/", "dir")]
    [InlineData("...", "...")]
    [InlineData("semi;colon&amp.sh", "semi_colon_amp.sh")]
    public void Names_are_sanitised_as_the_reference(string raw, string expected) =>
        UploadNames.Sanitize(raw).ShouldBe(expected);

    [Fact]
    public void Long_names_keep_a_short_extension_and_are_cut_to_100_bytes()
    {
        var sanitized = UploadNames.Sanitize(new string('a', 150) + ".tar.gz");

        sanitized.Length.ShouldBe(100);
        sanitized.ShouldEndWith(".gz");
        sanitized.ShouldStartWith("aaaa");
    }

    [Fact]
    public void Long_names_with_a_long_extension_are_simply_cut()
    {
        var sanitized = UploadNames.Sanitize("x." + new string('e', 120));

        sanitized.Length.ShouldBe(100);
        sanitized.ShouldBe(("x." + new string('e', 120))[..100]);
    }

    [Fact]
    public void Stored_names_carry_32_hex_characters_and_never_repeat()
    {
        var first = UploadNames.StoredName("a.txt");
        var second = UploadNames.StoredName("a.txt");

        first.ShouldMatch("^[0-9a-f]{32}-a\\.txt$");
        second.ShouldNotBe(first);
    }
}
