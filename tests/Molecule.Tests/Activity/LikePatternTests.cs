using Molecule.A2A.Activity.SessionSearch;

namespace Molecule.Tests.Activity;

public sealed class LikePatternTests
{
    [Theory]
    [InlineData("deploy", "%deploy%")]
    [InlineData("100%", @"%100\%%")]
    [InlineData("a_b", @"%a\_b%")]
    [InlineData(@"c:\tmp", @"%c:\\tmp%")]
    public void Wildcards_in_user_text_match_only_themselves(string text, string expected) =>
        LikePattern.Contains(text).ShouldBe(expected);
}
