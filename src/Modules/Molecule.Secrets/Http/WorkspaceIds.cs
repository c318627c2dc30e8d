using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;

namespace Molecule.Secrets.Http;

internal static class WorkspaceIds
{
    public static ApiError Invalid() => ApiError.BadRequest("invalid workspace ID");
}
