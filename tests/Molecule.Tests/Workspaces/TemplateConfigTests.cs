using Molecule.Workspaces.Templates;

namespace Molecule.Tests.Workspaces;

public sealed class TemplateConfigTests
{
    [Fact]
    public void Reads_top_level_keys_and_the_runtime_config_block()
    {
        var config = TemplateConfig.Parse("""
            # a template
            name: "Research Lead"
            description: finds things
            runtime: hermes # the runtime
            runtime_config:
              model: 'anthropic:claude-opus-4-7'
              provision_timeout_seconds: 900
            skills:
              - model: not-this-one
            """);

        config.Name.ShouldBe("Research Lead");
        config.Runtime.ShouldBe("hermes");
        config.Model.ShouldBe("anthropic:claude-opus-4-7");
        config.ProvisionTimeoutSeconds.ShouldBe(900);
    }

    [Fact]
    public void A_top_level_model_wins_over_the_block_and_crlf_is_tolerated()
    {
        var config = TemplateConfig.Parse("runtime_config:\r\n  model: inner\r\nmodel: outer\r\nruntime: claude-code\r\n");

        config.Model.ShouldBe("outer");
        config.Runtime.ShouldBe("claude-code");
    }

    [Fact]
    public void Missing_and_empty_values_are_null()
    {
        var config = TemplateConfig.Parse("runtime:\nname: ''\nruntime_config:\n  provision_timeout_seconds: soon\n");

        config.ShouldBe(TemplateConfig.Empty);
    }

    [Fact]
    public void An_unreadable_file_yields_nothing()
    {
        TemplateConfig.ReadFrom("/nonexistent/" + Guid.NewGuid()).ShouldBe(TemplateConfig.Empty);
    }
}
