using Molecule.Auth.Enforcement;

namespace Molecule.Tests.Auth;

public sealed class SameOriginCanvasTests
{
    [Theory]
    [InlineData("http://molecule.example", null, true)]
    [InlineData("https://molecule.example", null, true)]
    [InlineData("https://molecule.example/", null, true)]
    [InlineData("https://molecule.example/canvas?x=1", null, true)]
    [InlineData(null, "https://molecule.example", true)]
    [InlineData(null, "http://molecule.example", true)]
    [InlineData("https://molecule.example.evil.test/", null, false)]
    [InlineData("https://molecule.examplex", null, false)]
    [InlineData(null, "https://molecule.example/", false)]
    [InlineData(null, "https://other.example", false)]
    [InlineData("ftp://molecule.example/", null, false)]
    [InlineData(null, null, false)]
    public void Matches_referer_or_origin_of_this_host(string? referer, string? origin, bool expected)
    {
        SameOriginCanvas.Matches(canvasProxyConfigured: true, "molecule.example", referer, origin).ShouldBe(expected);
    }

    [Fact]
    public void Never_matches_without_a_canvas_proxy()
    {
        SameOriginCanvas.Matches(canvasProxyConfigured: false, "molecule.example", "https://molecule.example/", "https://molecule.example")
            .ShouldBeFalse();
    }

    [Fact]
    public void Never_matches_without_a_host()
    {
        SameOriginCanvas.Matches(canvasProxyConfigured: true, "", "http:///", "http://").ShouldBeFalse();
    }
}
