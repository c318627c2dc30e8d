using System.Text.Json.Serialization;

namespace Molecule.Workspaces.Create;

/// <summary>
/// The body of POST /workspaces. Every field is nullable because the reference's decoder treats
/// JSON null as "not given"; only <c>name</c> is required.
/// </summary>
internal sealed class CreateWorkspaceRequest
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonPropertyName("template")] public string? Template { get; set; }
    [JsonPropertyName("tier")] public int? Tier { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("runtime")] public string? Runtime { get; set; }
    [JsonPropertyName("external")] public bool? External { get; set; }
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("workspace_dir")] public string? WorkspaceDir { get; set; }
    [JsonPropertyName("workspace_access")] public string? WorkspaceAccess { get; set; }
    [JsonPropertyName("parent_id")] public string? ParentId { get; set; }
    [JsonPropertyName("budget_limit")] public long? BudgetLimit { get; set; }
    [JsonPropertyName("secrets")] public Dictionary<string, string?>? Secrets { get; set; }
    [JsonPropertyName("max_concurrent_tasks")] public int? MaxConcurrentTasks { get; set; }
    [JsonPropertyName("canvas")] public CanvasPosition? Canvas { get; set; }
    [JsonPropertyName("initial_memories")] public List<InitialMemory?>? InitialMemories { get; set; }
    [JsonPropertyName("compute_backend")] public string? ComputeBackend { get; set; }
}

internal sealed class CanvasPosition
{
    [JsonPropertyName("x")] public double? X { get; set; }
    [JsonPropertyName("y")] public double? Y { get; set; }
}

internal sealed class InitialMemory
{
    [JsonPropertyName("content")] public string? Content { get; set; }
    [JsonPropertyName("scope")] public string? Scope { get; set; }
}
