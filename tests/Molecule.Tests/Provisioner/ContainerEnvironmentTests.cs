using Molecule.Provisioner.Docker;

namespace Molecule.Tests.Provisioner;

public sealed class ContainerEnvironmentTests
{
    private static readonly Guid Id = Guid.Parse("1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d");

    private static IReadOnlyList<KeyValuePair<string, string>> Build(
        Dictionary<string, string>? merged = null, string name = "Research Bot", string runtime = "langgraph",
        string? role = null, string? model = null, string? awarenessUrl = null, string? awarenessNamespace = null) =>
        ContainerEnvironment.Build(new ContainerEnvironmentInput(
            Id, name, runtime, 2, "http://127.0.0.1:8080", merged ?? [], role, model, awarenessNamespace, awarenessUrl));

    private static Dictionary<string, string> Map(IReadOnlyList<KeyValuePair<string, string>> env) => env.ToDictionary();

    [Fact]
    public void The_platform_variables_come_first_in_the_reference_order()
    {
        var env = Build();

        env.Take(7).Select(pair => pair.Key).ShouldBe(
            ["WORKSPACE_ID", "WORKSPACE_CONFIG_PATH", "PLATFORM_URL", "MOLECULE_URL", "TIER", "PLUGINS_DIR", "PYTHONPATH"]);
        var map = Map(env);
        map["WORKSPACE_ID"].ShouldBe(Id.ToString());
        map["WORKSPACE_CONFIG_PATH"].ShouldBe("/configs");
        map["PLATFORM_URL"].ShouldBe("http://127.0.0.1:8080");
        map["MOLECULE_URL"].ShouldBe("http://127.0.0.1:8080");
        map["TIER"].ShouldBe("2");
        map["PLUGINS_DIR"].ShouldBe("/plugins");
        map["PYTHONPATH"].ShouldBe("/app");
        map["AGENT_PORT"].ShouldBe("8000");
        map.ShouldNotContainKey("AWARENESS_URL");
        map.ShouldNotContainKey("MOLECULE_AGENT_ROLE");
        map.ShouldNotContainKey("HERMES_DEFAULT_MODEL");
    }

    [Fact]
    public void Secrets_override_the_platform_variables_and_each_key_appears_once()
    {
        var env = Build(new() { ["PYTHONPATH"] = "/custom", ["OPENAI_API_KEY"] = "sk-1", ["AGENT_PORT"] = "19001" });

        env.Select(pair => pair.Key).ShouldBeUnique();
        var map = Map(env);
        map["PYTHONPATH"].ShouldBe("/custom");
        map["OPENAI_API_KEY"].ShouldBe("sk-1");
        ContainerEnvironment.AgentPort(env).ShouldBe(19001);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("eighty")]
    public void An_agent_port_that_is_not_a_port_means_8000(string value) =>
        ContainerEnvironment.AgentPort(Build(new() { ["AGENT_PORT"] = value })).ShouldBe(8000);

    [Fact]
    public void Git_identity_comes_from_the_name_unless_a_secret_sets_it()
    {
        var map = Map(Build(name: "  Research Bot #2!  "));
        map["GIT_AUTHOR_NAME"].ShouldBe("Molecule AI Research Bot #2!");
        map["GIT_COMMITTER_NAME"].ShouldBe("Molecule AI Research Bot #2!");
        map["GIT_AUTHOR_EMAIL"].ShouldBe("research-bot-2@agents.moleculesai.app");
        map["GIT_COMMITTER_EMAIL"].ShouldBe("research-bot-2@agents.moleculesai.app");

        var kept = Map(Build(new() { ["GIT_AUTHOR_NAME"] = "", ["GIT_COMMITTER_EMAIL"] = "me@example.com" }));
        kept["GIT_AUTHOR_NAME"].ShouldBe("");
        kept["GIT_COMMITTER_EMAIL"].ShouldBe("me@example.com");

        Map(Build(name: "   ")).ShouldNotContainKey("GIT_AUTHOR_NAME");
    }

    [Theory]
    [InlineData("Research Bot", "research-bot")]
    [InlineData("--Ünïcode__name--", "n-code-name")]
    [InlineData("!!!", "")]
    public void The_git_slug_keeps_lowercase_letters_and_digits(string name, string slug) =>
        ContainerEnvironment.GitSlug(name).ShouldBe(slug);

    [Fact]
    public void Hermes_gets_its_model_from_the_config_else_the_model_provider_secret()
    {
        Map(Build(runtime: "hermes", model: "claude-opus"))["HERMES_DEFAULT_MODEL"].ShouldBe("claude-opus");
        Map(Build(new() { ["MODEL_PROVIDER"] = "openai:gpt" }, runtime: "hermes"))["HERMES_DEFAULT_MODEL"].ShouldBe("openai:gpt");
        Map(Build(runtime: "langgraph", model: "claude-opus")).ShouldNotContainKey("HERMES_DEFAULT_MODEL");
    }

    [Fact]
    public void The_role_survives_restarts_from_the_row_unless_the_job_set_one()
    {
        Map(Build(role: "writer"))["MOLECULE_AGENT_ROLE"].ShouldBe("writer");
        Map(Build(new() { ["MOLECULE_AGENT_ROLE"] = "editor" }, role: "writer"))["MOLECULE_AGENT_ROLE"].ShouldBe("editor");
    }

    [Fact]
    public void Awareness_variables_appear_only_with_an_awareness_url()
    {
        var map = Map(Build(awarenessUrl: "http://awareness:9000"));
        map["AWARENESS_URL"].ShouldBe("http://awareness:9000");
        map["AWARENESS_NAMESPACE"].ShouldBe($"workspace:{Id}");

        Map(Build(awarenessUrl: "http://awareness:9000", awarenessNamespace: "team:x"))["AWARENESS_NAMESPACE"].ShouldBe("team:x");
    }

    [Fact]
    public void The_engine_gets_key_equals_value_entries()
    {
        ContainerEnvironment.ToDockerEnv([new("A", "1=2"), new("B", "")]).ShouldBe(["A=1=2", "B="]);
    }

    [Theory]
    [InlineData(false, null, false)]
    [InlineData(true, null, true)]
    [InlineData(false, "1", true)]
    [InlineData(false, "True", true)]
    [InlineData(false, "yes", false)]
    [InlineData(false, "false", false)]
    public void A_session_reset_is_asked_by_the_job_or_the_workspace_secret(bool requested, string? secret, bool resets)
    {
        var merged = secret is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["WORKSPACE_RESET_SESSION"] = secret };
        ContainerEnvironment.ResetsSession(requested, merged).ShouldBe(resets);
    }
}
