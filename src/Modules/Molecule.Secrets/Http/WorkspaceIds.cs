using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;

namespace Molecule.Secrets.Http;

internal static class WorkspaceIds
{
    public static IResult Invalid() => ApiError.BadRequest("invalid workspace ID");
}
