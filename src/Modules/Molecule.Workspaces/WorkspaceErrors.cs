namespace Molecule.Workspaces;

/// <summary>Error texts several workspace routes share (the reference's exact wording).</summary>
internal static class WorkspaceErrors
{
    public const string InvalidId = "invalid workspace ID";
    public const string NotFound = "workspace not found";
    public const string InvalidBody = "invalid request body";
    public const string BodyTooLarge = "request body too large";

    public static string ParentPaused(string parentName) => $"parent workspace \"{parentName}\" is paused — resume it first";
}
