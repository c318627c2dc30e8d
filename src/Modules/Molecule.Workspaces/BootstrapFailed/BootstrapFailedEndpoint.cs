using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Workspaces.Create;
using Molecule.Workspaces.Lifecycle;
using Molecule.Kernel.Workspaces;

namespace Molecule.Workspaces.BootstrapFailed;

/// <summary>
/// POST /admin/workspaces/:id/bootstrap-failed: the control plane's boot watcher reports that a
/// workspace's instance failed to boot. Only a workspace still provisioning is marked failed.
/// </summary>
internal static class BootstrapFailedEndpoint
{
    public const int MaxTailBytes = 8192;
    public const string DefaultError = "bootstrap failed — see log_tail";
    private const string TruncatedMarker = "...(truncated)...\n";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/bootstrap-failed", ReportAsync)
            .WithName("ReportBootstrapFailed")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAdminAuth();

    // Parses only: a report about an unknown workspace changes nothing and says so ("no_change").
    private static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> ReportAsync(
        RouteWorkspaceId id, HttpRequest request, StatusTransitions transitions, CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        var body = await JsonBodyReader.ReadAsync(request, WorkspacesJsonContext.Default.BootstrapFailedRequest);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, WorkspaceErrors.BodyTooLarge);
        }

        if (!body.Ok)
        {
            return ApiError.BadRequest(WorkspaceErrors.InvalidBody);
        }

        var error = WithoutNul(body.Value!.Error);
        error = error.Length == 0 ? DefaultError : error;
        var tail = LastBytes(WithoutNul(body.Value.LogTail), MaxTailBytes);
        var sample = InitialMemories.Truncate($"{error}\n\n{tail}", MaxTailBytes);

        var failed = await transitions.ApplyAsync(
            workspaceId,
            new StatusChange(WorkspaceTrigger.BootstrapFailed) { SampleError = sample, Payload = WorkspaceEvents.BootstrapFailed(error, tail) },
            cancellationToken);
        if (failed is null)
        {
            return WorkspacesJson.Ok(new JsonObject { ["ok"] = true, ["no_change"] = true });
        }

        return WorkspacesJson.Ok(new JsonObject { ["ok"] = true });
    }

    /// <summary>The end of <paramref name="text"/> within <paramref name="maxBytes"/> of UTF-8, marked when cut.</summary>
    public static string LastBytes(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var bytes = 0;
        var start = text.Length;
        foreach (var rune in text.EnumerateRunes().Reverse())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            start -= rune.Utf16SequenceLength;
        }

        return TruncatedMarker + text[start..];
    }

    private static string WithoutNul(string? text) => (text ?? "").Replace("\0", "", StringComparison.Ordinal);
}
