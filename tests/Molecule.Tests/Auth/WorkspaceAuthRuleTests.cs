using Molecule.Auth.Enforcement;

namespace Molecule.Tests.Auth;

public sealed class WorkspaceAuthRuleTests
{
    // hasId, bearer, sameOriginCanvas, devMode → outcome (spec §3.2)
    [Theory]
    [InlineData(false, "AdminToken", false, false, "MissingWorkspaceId")]
    [InlineData(false, "None", true, true, "MissingWorkspaceId")]
    [InlineData(true, "AdminToken", false, false, "Pass")]
    [InlineData(true, "OrgToken", false, false, "Pass")]
    [InlineData(true, "WorkspaceToken", false, false, "Pass")]
    [InlineData(true, "Unrecognised", false, false, "InvalidWorkspaceToken")]
    // A presented bearer must be valid even in dev mode or from the canvas.
    [InlineData(true, "Unrecognised", true, true, "InvalidWorkspaceToken")]
    [InlineData(true, "None", false, false, "MissingWorkspaceToken")]
    [InlineData(true, "None", true, false, "Pass")]
    [InlineData(true, "None", false, true, "Pass")]
    public void Decides_as_the_reference(bool hasId, string bearer, bool canvas, bool devMode, string expected)
    {
        WorkspaceAuthRule.Decide(hasId, Enum.Parse<BearerKind>(bearer), canvas, devMode).ShouldBe(Enum.Parse<AuthOutcome>(expected));
    }
}
