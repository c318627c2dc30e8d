using Molecule.Auth.Enforcement;

namespace Molecule.Tests.Auth;

public sealed class CanvasOrBearerRuleTests
{
    // anyLive, bearer, trustedOrigin → outcome (spec §3.4)
    [Theory]
    [InlineData(false, "Unrecognised", false, "Pass")]
    [InlineData(false, "None", false, "Pass")]
    [InlineData(true, "AdminToken", false, "Pass")]
    [InlineData(true, "WorkspaceToken", false, "Pass")]
    [InlineData(true, "OrgToken", false, "InvalidAdminToken")]
    // A bearer that fails is not rescued by a trusted origin.
    [InlineData(true, "Unrecognised", true, "InvalidAdminToken")]
    [InlineData(true, "None", true, "Pass")]
    [InlineData(true, "None", false, "AdminAuthRequired")]
    public void Decides_as_the_reference(bool anyLive, string bearer, bool trustedOrigin, string expected)
    {
        CanvasOrBearerRule.Decide(anyLive, Enum.Parse<BearerKind>(bearer), trustedOrigin).ShouldBe(Enum.Parse<AuthOutcome>(expected));
    }
}
