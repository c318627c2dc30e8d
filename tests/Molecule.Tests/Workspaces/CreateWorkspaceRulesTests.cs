using Molecule.Kernel.Templates;
using Molecule.Workspaces.Create;
using Molecule.Workspaces.Templates;

namespace Molecule.Tests.Workspaces;

public sealed class CreateWorkspaceRulesTests : IDisposable
{
    private readonly string _configsRoot = Path.Combine(Path.GetTempPath(), "molecule-configs-" + Guid.NewGuid().ToString("N"));
    private readonly ConfigsDirectory _configs;
    private readonly TestRuntimeCatalog _runtimes = new();

    public CreateWorkspaceRulesTests()
    {
        System.IO.Directory.CreateDirectory(_configsRoot);
        _configs = new ConfigsDirectory(_configsRoot, "/");
    }

    public void Dispose() => System.IO.Directory.Delete(_configsRoot, recursive: true);

    private (NewWorkspace? Workspace, string? Error) Validate(CreateWorkspaceRequest request) =>
        CreateWorkspaceRules.Validate(request, _configs, _runtimes);

    private void AddTemplate(string name, string configYaml)
    {
        var directory = Path.Combine(_configsRoot, name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.yaml"), configYaml);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_or_empty_name_is_a_bad_payload(string? name)
    {
        Validate(new CreateWorkspaceRequest { Name = name }).Error.ShouldBe("invalid workspace payload");
    }

    [Fact]
    public void A_parent_id_that_is_not_a_uuid_is_a_bad_payload()
    {
        Validate(new CreateWorkspaceRequest { Name = "a", ParentId = "not-a-uuid" }).Error.ShouldBe("invalid workspace payload");
    }

    [Theory]
    [InlineData("line\nbreak", null, null, null)]
    [InlineData("carriage\rreturn", null, null, null)]
    [InlineData("curly{", null, null, null)]
    [InlineData("pipe|", null, null, null)]
    [InlineData("bang!", null, null, null)]
    [InlineData("nul\0byte", null, null, null)]
    [InlineData("bell\u0007", null, null, null)]
    [InlineData("ok", "role with *", null, null)]
    [InlineData("ok", "role\nnewline", null, null)]
    [InlineData("ok", null, "model\n", null)]
    [InlineData("ok", null, null, "runtime\r")]
    public void Forbidden_characters_are_invalid_fields(string name, string? role, string? model, string? runtime)
    {
        Validate(new CreateWorkspaceRequest { Name = name, Role = role, Model = model, Runtime = runtime })
            .Error.ShouldBe("invalid workspace fields");
    }

    [Fact]
    public void Specials_are_allowed_in_model_and_runtime()
    {
        Validate(new CreateWorkspaceRequest { Name = "a", Model = "anthropic:claude-opus-4-7", Runtime = "my*runtime" })
            .Error.ShouldBeNull();
    }

    [Fact]
    public void Lengths_are_counted_in_utf8_bytes_as_the_reference_does()
    {
        Validate(new CreateWorkspaceRequest { Name = new string('a', 255) }).Error.ShouldBeNull();
        Validate(new CreateWorkspaceRequest { Name = new string('a', 256) }).Error.ShouldBe("invalid workspace fields");
        Validate(new CreateWorkspaceRequest { Name = new string('é', 128) }).Error.ShouldBe("invalid workspace fields");
        Validate(new CreateWorkspaceRequest { Name = "a", Role = new string('r', 1001) }).Error.ShouldBe("invalid workspace fields");
        Validate(new CreateWorkspaceRequest { Name = "a", Model = new string('m', 101) }).Error.ShouldBe("invalid workspace fields");
        Validate(new CreateWorkspaceRequest { Name = "a", Runtime = new string('r', 101) }).Error.ShouldBe("invalid workspace fields");
    }

    [Fact]
    public void Unicode_names_are_kept_as_given()
    {
        var (workspace, error) = Validate(new CreateWorkspaceRequest { Name = "研究チーム — Ünïcødé 🚀" });

        error.ShouldBeNull();
        workspace!.Name.ShouldBe("研究チーム — Ünïcødé 🚀");
    }

    [Fact]
    public void Secret_keys_must_be_non_empty_and_free_of_control_characters()
    {
        Validate(new CreateWorkspaceRequest { Name = "a", Secrets = new() { [""] = "v" } }).Error.ShouldBe("invalid workspace fields");
        Validate(new CreateWorkspaceRequest { Name = "a", Secrets = new() { ["K\0"] = "v" } }).Error.ShouldBe("invalid workspace fields");
        Validate(new CreateWorkspaceRequest { Name = "a", Secrets = new() { ["OPENAI_API_KEY"] = null } })
            .Workspace!.Secrets["OPENAI_API_KEY"].ShouldBe("");
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData(0, 3)]
    [InlineData(1, 1)]
    [InlineData(4, 4)]
    [InlineData(99, 99)]
    [InlineData(-2, -2)]
    public void Tier_zero_or_none_becomes_three_and_nothing_is_clamped(int? tier, int expected)
    {
        Validate(new CreateWorkspaceRequest { Name = "a", Tier = tier }).Workspace!.Tier.ShouldBe(expected);
    }

    [Fact]
    public void Runtime_defaults_to_langgraph_and_unknown_runtimes_are_stored_verbatim()
    {
        Validate(new CreateWorkspaceRequest { Name = "a" }).Workspace!.Runtime.ShouldBe("langgraph");
        Validate(new CreateWorkspaceRequest { Name = "a", Runtime = "my-custom-runtime" }).Workspace!.Runtime.ShouldBe("my-custom-runtime");
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc")]
    [InlineData("a/../../outside")]
    [InlineData("..")]
    public void A_template_escaping_configs_dir_is_refused_even_with_runtime_and_model_given(string template)
    {
        Validate(new CreateWorkspaceRequest { Name = "a", Template = template }).Error.ShouldBe("invalid template");
        Validate(new CreateWorkspaceRequest { Name = "a", Template = template, Runtime = "hermes", Model = "m" })
            .Error.ShouldBe("invalid template");
    }

    [Fact]
    public void A_template_fills_in_runtime_and_model_that_were_not_given()
    {
        AddTemplate("researcher", "name: Researcher\nruntime: claude-code\nruntime_config:\n  model: \"opus\"\n");

        var (workspace, _) = Validate(new CreateWorkspaceRequest { Name = "a", Template = "researcher" });

        workspace!.Runtime.ShouldBe("claude-code");
        workspace.Model.ShouldBe("opus");
        workspace.TemplatePath.ShouldBe(Path.Combine(_configsRoot, "researcher"));
        workspace.Template.ShouldBe("researcher");
    }

    [Fact]
    public void Given_values_win_over_the_template()
    {
        AddTemplate("researcher", "runtime: claude-code\nmodel: opus\n");

        var (workspace, _) = Validate(new CreateWorkspaceRequest { Name = "a", Template = "researcher", Runtime = "hermes" });

        workspace!.Runtime.ShouldBe("hermes");
        workspace.Model.ShouldBe("opus");
    }

    [Fact]
    public void A_missing_template_falls_back_to_the_runtime_default_template_then_to_none()
    {
        Validate(new CreateWorkspaceRequest { Name = "a", Template = "nope", Runtime = "hermes" }).Workspace!.TemplatePath.ShouldBeNull();

        AddTemplate("hermes-default", "runtime: hermes\n");
        AddTemplate("langgraph-default", "runtime: langgraph\n");

        Validate(new CreateWorkspaceRequest { Name = "a", Runtime = "hermes" }).Workspace!.TemplatePath
            .ShouldBe(Path.Combine(_configsRoot, "hermes-default"));
        Validate(new CreateWorkspaceRequest { Name = "a", Runtime = "unknown-runtime" }).Workspace!.TemplatePath
            .ShouldBe(Path.Combine(_configsRoot, "langgraph-default"));
    }

    [Fact]
    public void The_template_is_checked_before_the_directory()
    {
        Validate(new CreateWorkspaceRequest { Name = "a", Template = "../x", WorkspaceDir = "/etc" }).Error.ShouldBe("invalid template");
    }

    [Theory]
    [InlineData("relative/dir")]
    [InlineData("/home/../etc")]
    [InlineData("/etc")]
    [InlineData("/etc/molecule")]
    [InlineData("/usr/local/src")]
    [InlineData("//proc")]
    public void A_bad_workspace_dir_is_refused(string directory)
    {
        Validate(new CreateWorkspaceRequest { Name = "a", WorkspaceDir = directory }).Error.ShouldBe("invalid workspace directory");
    }

    [Theory]
    [InlineData("read_only", null, "invalid workspace access")]
    [InlineData("read_write", null, "invalid workspace access")]
    [InlineData("everything", "/home/me/project", "invalid workspace access")]
    [InlineData("read_write", "/home/me/project", null)]
    [InlineData("none", null, null)]
    [InlineData(null, null, null)]
    public void Mounted_access_needs_a_directory(string? access, string? directory, string? error)
    {
        Validate(new CreateWorkspaceRequest { Name = "a", WorkspaceAccess = access, WorkspaceDir = directory }).Error.ShouldBe(error);
    }

    [Fact]
    public void The_directory_is_checked_before_the_access()
    {
        Validate(new CreateWorkspaceRequest { Name = "a", WorkspaceDir = "/etc", WorkspaceAccess = "bogus" })
            .Error.ShouldBe("invalid workspace directory");
    }

    [Fact]
    public void External_comes_from_the_flag_or_the_runtime_and_forces_runtime_external()
    {
        var byFlag = Validate(new CreateWorkspaceRequest { Name = "a", External = true, Runtime = "langgraph" }).Workspace!;
        byFlag.External.ShouldBeTrue();
        byFlag.Runtime.ShouldBe("external");
        byFlag.TemplatePath.ShouldBeNull();

        Validate(new CreateWorkspaceRequest { Name = "a", Runtime = "external" }).Workspace!.External.ShouldBeTrue();
        Validate(new CreateWorkspaceRequest { Name = "a" }).Workspace!.External.ShouldBeFalse();
    }

    [Theory]
    [InlineData("https://agent.example.com:8443/a2a", null)]
    [InlineData("ftp://agent.example.com", "invalid workspace fields")]
    [InlineData("not a url", "invalid workspace fields")]
    public void An_external_url_must_be_http(string url, string? error)
    {
        Validate(new CreateWorkspaceRequest { Name = "a", External = true, Url = url }).Error.ShouldBe(error);
    }

    [Fact]
    public void Defaults_fill_the_rest()
    {
        var workspace = Validate(new CreateWorkspaceRequest
        {
            Name = "a",
            Role = "",
            MaxConcurrentTasks = 0,
            Canvas = new CanvasPosition { X = 12.5 },
        }).Workspace!;

        workspace.Role.ShouldBeNull();
        workspace.MaxConcurrentTasks.ShouldBe(1);
        workspace.X.ShouldBe(12.5);
        workspace.Y.ShouldBe(0);
        workspace.WorkspaceAccess.ShouldBe("none");
        workspace.Url.ShouldBeNull();
    }
}
