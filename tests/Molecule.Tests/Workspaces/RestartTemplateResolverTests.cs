using Molecule.Kernel.Templates;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Restart;
using Molecule.Workspaces.Templates;

namespace Molecule.Tests.Workspaces;

public sealed class RestartTemplateResolverTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "molecule-restart-" + Guid.NewGuid().ToString("N"));
    private readonly RestartTemplateResolver _resolver;

    private static readonly WorkspaceRef Workspace =
        new(Guid.NewGuid(), "Research Lead", "hermes", 3, WorkspaceStatus.Online, null, null, null);

    public RestartTemplateResolverTests()
    {
        Template("explicit", "name: Something else");
        Template("lead-by-config", "name: research lead");
        Template("ws-research-lead-copy", "name: Research Lead");
        Template("hermes-default", "runtime: hermes");
        Template("org-templates/team-lead", "name: Research Lead");
        _resolver = new RestartTemplateResolver(new ConfigsDirectory(_root, "/"), new TestRuntimeCatalog());
    }

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    private void Template(string name, string yaml)
    {
        var directory = Path.Combine(_root, name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.yaml"), yaml + "\n");
    }

    private (string? Path, string Label) Resolve(RestartRequest request, WorkspaceRef? workspace = null) =>
        _resolver.Resolve(workspace ?? Workspace, request);

    [Fact]
    public void No_options_reuse_the_existing_volume()
    {
        Resolve(new RestartRequest()).ShouldBe((null, "existing-volume"));
    }

    [Fact]
    public void An_existing_explicit_template_wins()
    {
        Resolve(new RestartRequest { Template = "explicit", ApplyTemplate = true }).ShouldBe((Path.Combine(_root, "explicit"), "explicit"));
    }

    [Fact]
    public void A_missing_or_escaping_explicit_template_falls_through()
    {
        Resolve(new RestartRequest { Template = "missing" }).ShouldBe((null, "existing-volume"));
        Resolve(new RestartRequest { Template = "../../etc" }).ShouldBe((null, "existing-volume"));
    }

    [Fact]
    public void Apply_template_matches_by_directory_name_then_by_config_name_skipping_workspace_copies()
    {
        Template("research-lead", "name: whatever");
        Resolve(new RestartRequest { ApplyTemplate = true }).ShouldBe((Path.Combine(_root, "research-lead"), "research-lead"));
        System.IO.Directory.Delete(Path.Combine(_root, "research-lead"), recursive: true);

        Resolve(new RestartRequest { ApplyTemplate = true }).ShouldBe((Path.Combine(_root, "lead-by-config"), "lead-by-config"));
    }

    [Fact]
    public void Rebuild_config_looks_in_org_templates()
    {
        Resolve(new RestartRequest { RebuildConfig = true })
            .ShouldBe((Path.Combine(_root, "org-templates", "team-lead"), "org-templates/team-lead"));
    }

    [Fact]
    public void Apply_template_falls_back_to_the_runtime_default()
    {
        var unmatched = Workspace with { Name = "Nobody" };

        Resolve(new RestartRequest { ApplyTemplate = true }, unmatched).ShouldBe((Path.Combine(_root, "hermes-default"), "hermes-default"));
    }
}
