using Molecule.Auth.Enforcement;

namespace Molecule.Tests.Auth;

public sealed class AdminAuthRuleTests
{
    // anyLive, adminSet, devMode, bearer → outcome (spec §3.3)
    [Theory]
    // Step 2: fresh install without ADMIN_TOKEN passes everything, even a bad bearer.
    [InlineData(false, false, false, "None", "Pass")]
    [InlineData(false, false, false, "Unrecognised", "Pass")]
    // ADMIN_TOKEN set: no fail-open even with zero tokens.
    [InlineData(false, true, false, "None", "AdminAuthRequired")]
    [InlineData(false, true, false, "Unrecognised", "InvalidAdminToken")]
    [InlineData(false, true, false, "AdminToken", "Pass")]
    // Step 3: dev mode passes, bad bearer included.
    [InlineData(true, false, true, "None", "Pass")]
    [InlineData(true, false, true, "Unrecognised", "Pass")]
    // Step 5: no bearer once tokens exist.
    [InlineData(true, false, false, "None", "AdminAuthRequired")]
    [InlineData(true, true, false, "None", "AdminAuthRequired")]
    // Step 6: org tokens pass either way.
    [InlineData(true, false, false, "OrgToken", "Pass")]
    [InlineData(true, true, false, "OrgToken", "Pass")]
    // Step 7: with ADMIN_TOKEN only it passes; workspace tokens are rejected.
    [InlineData(true, true, false, "AdminToken", "Pass")]
    [InlineData(true, true, false, "WorkspaceToken", "InvalidAdminToken")]
    [InlineData(true, true, false, "Unrecognised", "InvalidAdminToken")]
    // Step 8: without ADMIN_TOKEN any valid workspace token passes.
    [InlineData(true, false, false, "WorkspaceToken", "Pass")]
    [InlineData(true, false, false, "Unrecognised", "InvalidAdminToken")]
    public void Decides_as_the_reference(bool anyLive, bool adminSet, bool devMode, string bearer, string expected)
    {
        AdminAuthRule.Decide(anyLive, adminSet, devMode, Enum.Parse<BearerKind>(bearer)).ShouldBe(Enum.Parse<AuthOutcome>(expected));
    }

    [Theory]
    [InlineData(false, false, false, true)]
    [InlineData(true, false, false, false)]
    [InlineData(false, true, false, false)]
    [InlineData(true, false, true, true)]
    public void Passes_without_credential_only_on_fresh_install_or_dev_mode(bool anyLive, bool adminSet, bool devMode, bool expected)
    {
        AdminAuthRule.PassesWithoutCredential(anyLive, adminSet, devMode).ShouldBe(expected);
    }
}
