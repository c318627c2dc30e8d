using Molecule.Kernel.Http;
using Molecule.Kernel.Runtimes;
using Molecule.Workspaces.Rules;
using Molecule.Workspaces.Templates;

namespace Molecule.Workspaces.Create;

/// <summary>
/// POST /workspaces validation, in the reference's order, each failure with its fixed 400 text.
/// </summary>
internal static class CreateWorkspaceRules
{
    public const string InvalidPayload = "invalid workspace payload";
    public const string InvalidFields = "invalid workspace fields";
    public const string InvalidTemplate = "invalid template";
    public const string InvalidDirectory = "invalid workspace directory";
    public const string InvalidAccess = "invalid workspace access";

    /// <summary>Tier 0 (or none) means the reference's default, 3 (privileged). Other values are kept.</summary>
    public const int DefaultTier = 3;

    public static (NewWorkspace? Workspace, string? Error) Validate(
        CreateWorkspaceRequest request, ConfigsDirectory configs, IRuntimeCatalog runtimes)
    {
        // 1. What the reference's binder refuses.
        if (string.IsNullOrEmpty(request.Name))
        {
            return (null, InvalidPayload);
        }

        Guid? parentId = null;
        if (!string.IsNullOrEmpty(request.ParentId))
        {
            if (!RouteIds.TryParse(request.ParentId, out var parsed))
            {
                return (null, InvalidPayload);
            }

            parentId = parsed;
        }

        // 2. Field contents.
        var role = request.Role ?? "";
        var model = request.Model ?? "";
        var runtime = request.Runtime ?? "";
        if (WorkspaceFieldRules.CheckName(request.Name) is not null
            || WorkspaceFieldRules.CheckRole(role) is not null
            || WorkspaceFieldRules.CheckModel(model) is not null
            || WorkspaceFieldRules.CheckRuntime(runtime) is not null
            || !SecretsAreWellFormed(request.Secrets))
        {
            return (null, InvalidFields);
        }

        // 3.
        var tier = request.Tier is null or 0 ? DefaultTier : request.Tier.Value;

        // 4. A template must stay inside CONFIGS_DIR; it fills in a runtime or model not given.
        var template = request.Template ?? "";
        string? templatePath = null;
        if (template.Length > 0)
        {
            templatePath = configs.Resolve(template);
            if (templatePath is null)
            {
                return (null, InvalidTemplate);
            }

            if ((runtime.Length == 0 || model.Length == 0) && System.IO.Directory.Exists(templatePath))
            {
                var config = TemplateConfig.ReadFrom(templatePath);
                runtime = runtime.Length == 0 ? config.Runtime ?? "" : runtime;
                model = model.Length == 0 ? config.Model ?? "" : model;
            }
        }

        // 5. Unknown runtimes are stored as given; only the template lookup is sanitised.
        if (runtime.Length == 0)
        {
            runtime = IRuntimeCatalog.DefaultRuntime;
        }

        // 6, 7.
        var workspaceDir = request.WorkspaceDir ?? "";
        if (workspaceDir.Length > 0 && !WorkspaceDirRules.IsAllowedDirectory(workspaceDir))
        {
            return (null, InvalidDirectory);
        }

        var access = WorkspaceDirRules.NormalizeAccess(request.WorkspaceAccess);
        if (access is null || (WorkspaceDirRules.AccessNeedsDirectory(access) && workspaceDir.Length == 0))
        {
            return (null, InvalidAccess);
        }

        var external = request.External == true || runtime == IRuntimeCatalog.External;
        var url = request.Url ?? "";
        if (external && url.Length > 0 && !IsHttpUrl(url))
        {
            return (null, InvalidFields);
        }

        return (new NewWorkspace(
            Name: request.Name,
            Role: role.Length == 0 ? null : role,
            Tier: tier,
            Runtime: external ? IRuntimeCatalog.External : runtime,
            Model: model.Length == 0 ? null : model,
            External: external,
            Url: external && url.Length > 0 ? url : null,
            WorkspaceDir: workspaceDir.Length == 0 ? null : workspaceDir,
            WorkspaceAccess: access,
            ParentId: parentId,
            BudgetLimit: request.BudgetLimit,
            MaxConcurrentTasks: request.MaxConcurrentTasks is > 0 ? request.MaxConcurrentTasks.Value : 1,
            X: request.Canvas?.X ?? 0,
            Y: request.Canvas?.Y ?? 0,
            Template: template,
            TemplatePath: external ? null : ProvisioningTemplate(templatePath, runtime, configs, runtimes),
            Secrets: (request.Secrets ?? []).ToDictionary(pair => pair.Key, pair => pair.Value ?? ""),
            Memories: InitialMemories.Normalize(request.InitialMemories)), null);
    }

    /// <summary>The given template when it exists, else the runtime's default template, else none (generated).</summary>
    private static string? ProvisioningTemplate(string? templatePath, string runtime, ConfigsDirectory configs, IRuntimeCatalog runtimes)
    {
        if (templatePath is not null && System.IO.Directory.Exists(templatePath))
        {
            return templatePath;
        }

        return configs.Existing($"{runtimes.Sanitize(runtime)}-default");
    }

    private static bool SecretsAreWellFormed(Dictionary<string, string?>? secrets) =>
        secrets is null || secrets.Keys.All(key => key.Length > 0 && !key.Any(char.IsControl));

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
