using System.Text;
using Molecule.A2A.Activity;

namespace Molecule.Tests.Activity;

public sealed class Utf8PreviewTests
{
    [Fact]
    public void Short_text_is_kept_whole() => Utf8Preview.Truncate("hello", 5).ShouldBe("hello");

    [Fact]
    public void Long_text_is_cut_at_the_byte_count_with_a_suffix() =>
        Utf8Preview.Truncate(new string('a', 250), 200).ShouldBe(new string('a', 200) + "...");

    [Fact]
    public void A_cut_never_splits_a_character()
    {
        // "é" is two bytes: 99 ASCII bytes + "é" would end at byte 101, so it is left out.
        var text = new string('a', 99) + "éé";
        var preview = Utf8Preview.Truncate(text, 100, "…");

        preview.ShouldBe(new string('a', 99) + "…");
        Encoding.UTF8.GetByteCount(preview[..^1]).ShouldBeLessThanOrEqualTo(100);
    }

    [Fact]
    public void Emoji_outside_the_basic_plane_are_kept_or_dropped_whole() =>
        Utf8Preview.Truncate("😀😀", 5, "").ShouldBe("😀");
}
