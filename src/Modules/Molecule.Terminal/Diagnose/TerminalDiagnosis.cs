using System.Text.Json.Serialization;

namespace Molecule.Terminal.Diagnose;

/// <summary>
/// The body of <c>GET /workspaces/{id}/terminal/diagnose</c>, the same shape on every backend
/// (spec/ec2-backend.md). Steps after the first failure are not run and not listed.
/// </summary>
internal sealed record TerminalDiagnosis(
    [property: JsonPropertyName("workspace_id")] Guid WorkspaceId,
    [property: JsonPropertyName("backend")] string Backend,
    [property: JsonPropertyName("instance_id")] string? InstanceId,
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("first_failure")] string? FirstFailure,
    [property: JsonPropertyName("steps")] IReadOnlyList<DiagnoseStep> Steps)
{
    /// <summary>Ok when at least one step ran and none failed; the first failing step names the failure.</summary>
    public static TerminalDiagnosis Of(Guid workspaceId, string backend, string? instanceId, IReadOnlyList<DiagnoseStep> steps)
    {
        var failure = steps.FirstOrDefault(step => !step.Ok);
        return new TerminalDiagnosis(workspaceId, backend, instanceId, steps.Count > 0 && failure is null, failure?.Name, steps);
    }
}

/// <summary>One stage of the pipeline as it ran.</summary>
internal sealed record DiagnoseStep(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("duration_ms")] long DurationMs,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("detail")] string Detail);
