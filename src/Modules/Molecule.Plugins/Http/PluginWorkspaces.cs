using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;

namespace Molecule.Plugins.Http;

/// <summary>The workspace a plugin route names, or the 400/404 to answer with.</summary>
internal sealed class PluginWorkspaces(IWorkspaceDirectory directory)
{
    public async Task<(WorkspaceRef? Workspace, IResult? Error)> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParse(id, out var workspaceId))
        {
            return (null, PluginErrors.InvalidWorkspaceId());
        }

        return await directory.FindAsync(workspaceId, cancellationToken) is { } workspace
            ? (workspace, null)
            : (null, PluginErrors.WorkspaceNotFound());
    }
}
