using System.Text.Json.Nodes;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Delegation;

internal static class DelegationWaits
{
    /// <summary>Waits for the first <paramref name="eventType"/> of <paramref name="workspaceId"/> and returns its payload.</summary>
    public static async Task<JsonObject> EventAsync(this ActivityApp app, string eventType, Guid workspaceId, TimeSpan? within = null)
    {
        await Eventually.UntilAsync(() => Task.FromResult(app.Events.Of(eventType, workspaceId).Count > 0), $"{eventType} on {workspaceId}", within);
        return app.Events.Of(eventType, workspaceId)[0];
    }

    /// <summary>The <c>delegate</c> row of a delegation.</summary>
    public static async Task<JsonObject> DelegateRowAsync(this ActivityApp app, Guid source, string delegationId) =>
        (await app.RowsAsync(
            $"SELECT * FROM activity_logs WHERE workspace_id = '{source}' AND method = 'delegate' AND request_body->>'delegation_id' = '{delegationId}'"))
        .ShouldHaveSingleItem();

    public static IReadOnlyList<string> EventTypesOf(this ActivityApp app, Guid workspaceId) =>
        [.. app.Events.Events.Where(e => e.WorkspaceId == workspaceId && e.Type.StartsWith("DELEGATION_", StringComparison.Ordinal)).Select(e => e.Type)];
}
