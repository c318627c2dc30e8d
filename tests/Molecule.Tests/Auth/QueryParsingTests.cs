using Molecule.Auth.TestTokens;
using Molecule.Auth.WorkspaceTokens;

namespace Molecule.Tests.Auth;

public sealed class QueryParsingTests
{
    [Theory]
    [InlineData(null, 50)]
    [InlineData("", 50)]
    [InlineData("abc", 50)]
    [InlineData("0", 50)]
    [InlineData("-5", 50)]
    [InlineData("201", 50)]
    [InlineData("1", 1)]
    [InlineData("200", 200)]
    [InlineData("99999999999", 50)]
    public void Token_list_limit_is_1_to_200_else_50(string? value, int expected)
    {
        ListWorkspaceTokensEndpoint.Limit(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("x", 0)]
    [InlineData("-1", 0)]
    [InlineData("7", 7)]
    public void Token_list_offset_is_non_negative_else_0(string? value, int expected)
    {
        ListWorkspaceTokensEndpoint.Offset(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Bearer secret", "secret")]
    [InlineData("secret", "secret")]
    [InlineData("Bearer  secret", " secret")]
    [InlineData("bearer secret", "bearer secret")]
    [InlineData("", "")]
    public void Test_token_gate_strips_only_a_leading_bearer_scheme(string header, string expected)
    {
        TestTokenEndpoint.PresentedCredential(header).ShouldBe(expected);
    }
}
