namespace Molecule.Workspaces.Create;

/// <summary>A create request that passed every rule, with the reference's defaults applied.</summary>
internal sealed record NewWorkspace(
    string Name,
    string? Role,
    int Tier,
    string Runtime,
    string? Model,
    bool External,
    string? Url,
    string? WorkspaceDir,
    string WorkspaceAccess,
    Guid? ParentId,
    long? BudgetLimit,
    int MaxConcurrentTasks,
    double X,
    double Y,
    string Template,
    string? TemplatePath,
    IReadOnlyDictionary<string, string> Secrets,
    IReadOnlyList<SeedMemory> Memories);

/// <summary>One initial memory as it will be stored.</summary>
internal sealed record SeedMemory(string Content, string Scope);
