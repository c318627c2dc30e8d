using Microsoft.AspNetCore.Http;

namespace Molecule.Kernel.Http;

/// <summary>
/// The calling workspace as agents announce it. The reference reads only <c>X-Workspace-ID</c>; the
/// Claude Code channel sends only <c>X-Source-Workspace-Id</c>, so both are accepted (ARCHITECTURE.md §9.7).
/// </summary>
public static class CallerHeaders
{
    public const string WorkspaceId = "X-Workspace-ID";
    public const string SourceWorkspaceId = "X-Source-Workspace-Id";

    /// <summary>The raw caller id, trimmed; empty when neither header is sent.</summary>
    public static string Caller(HttpRequest request)
    {
        var value = request.Headers[WorkspaceId].ToString();
        if (value.Length == 0)
        {
            value = request.Headers[SourceWorkspaceId].ToString();
        }

        return value.Trim();
    }
}
