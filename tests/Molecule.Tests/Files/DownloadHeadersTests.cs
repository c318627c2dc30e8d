using System.Text;
using Molecule.Files.ChatDownload;
using Molecule.Files.Http;

namespace Molecule.Tests.Files;

public sealed class DownloadHeadersTests
{
    [Fact]
    public void Attachment_names_carry_a_quoted_and_an_encoded_form()
    {
        AttachmentHeader.For("report 2026.pdf").ShouldBe("attachment; filename=\"report 2026.pdf\"; filename*=UTF-8''report%202026.pdf");
    }

    [Fact]
    public void Quotes_and_backslashes_are_escaped_and_controls_dropped()
    {
        AttachmentHeader.For("a\"b\\c\r\nd.txt").ShouldBe("attachment; filename=\"a\\\"b\\\\cd.txt\"; filename*=UTF-8''a%22b%5Cc%0D%0Ad.txt");
    }

    [Fact]
    public void Non_ascii_names_survive_in_the_encoded_form_only()
    {
        var header = AttachmentHeader.For("résumé.txt");

        header.ShouldBe("attachment; filename=\"r_sum_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt");
        header.All(c => c < 128).ShouldBeTrue();
    }

    [Fact]
    public void Unreserved_characters_are_not_encoded() =>
        AttachmentHeader.PercentEncoded("Az09-._~").ShouldBe("Az09-._~");

    [Theory]
    [InlineData("a.png", "image/png")]
    [InlineData("a.PDF", "application/pdf")]
    [InlineData("a.txt", "text/plain; charset=utf-8")]
    [InlineData("a.html", "text/html; charset=utf-8")]
    [InlineData("a.json", "application/json")]
    [InlineData("noextension", null)]
    [InlineData("a.unknownext", null)]
    public void Content_types_come_from_the_extension(string name, string? expected) =>
        ContentTypes.ForName(name).ShouldBe(expected);

    [Fact]
    public async Task A_capped_body_reads_up_to_its_cap_and_refuses_beyond()
    {
        var bytes = Encoding.ASCII.GetBytes(new string('x', 100));
        using var within = new StreamReader(new CappedReadStream(new MemoryStream(bytes), 100));
        (await within.ReadToEndAsync()).Length.ShouldBe(100);

        using var beyond = new StreamReader(new CappedReadStream(new MemoryStream(bytes), 99));
        await Should.ThrowAsync<BodyTooLargeException>(() => beyond.ReadToEndAsync());
    }
}
