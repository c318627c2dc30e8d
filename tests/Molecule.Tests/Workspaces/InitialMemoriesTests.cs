using System.Text;
using Molecule.Workspaces.Create;

namespace Molecule.Tests.Workspaces;

public sealed class InitialMemoriesTests
{
    [Fact]
    public void Scopes_are_upper_cased_defaulted_and_filtered()
    {
        var seeds = InitialMemories.Normalize(
        [
            new InitialMemory { Content = "a", Scope = "team" },
            new InitialMemory { Content = "b", Scope = "" },
            new InitialMemory { Content = "c", Scope = "galaxy" },
            new InitialMemory { Content = "", Scope = "LOCAL" },
            null,
            new InitialMemory { Content = "d", Scope = "Global" },
        ]);

        seeds.ShouldBe([new SeedMemory("a", "TEAM"), new SeedMemory("b", "LOCAL"), new SeedMemory("d", "GLOBAL")]);
    }

    [Fact]
    public void Content_is_cut_to_100000_bytes_without_splitting_a_character_and_nul_is_dropped()
    {
        var seeds = InitialMemories.Normalize([new InitialMemory { Content = new string('é', 60_000) + "\0" }]);

        var content = seeds.Single().Content;
        Encoding.UTF8.GetByteCount(content).ShouldBe(100_000);
        content.ShouldAllBe(character => character == 'é');
    }

    [Fact]
    public void Known_credential_shapes_are_redacted()
    {
        var text = "anthropic sk-ant-api03-abcdefghijklmnopqrstuvwxyz and openai sk-proj-ABCDEFGHIJKLMNOPQRSTUV12 "
            + "gh ghp_abcdefghijklmnopqrstuvwxyz0123456789 aws AKIAABCDEFGHIJKLMNOP slack xoxb-123456789012-abc";

        var redacted = SecretRedactor.Redact(text);

        redacted.ShouldBe("anthropic [REDACTED:ANTHROPIC_API_KEY] and openai [REDACTED:OPENAI_API_KEY] "
            + "gh [REDACTED:GITHUB_TOKEN] aws [REDACTED:AWS_ACCESS_KEY_ID] slack [REDACTED:SLACK_TOKEN]");
    }

    [Fact]
    public void Ordinary_text_is_untouched()
    {
        SecretRedactor.Redact("ask-me about skiing").ShouldBe("ask-me about skiing");
    }
}
