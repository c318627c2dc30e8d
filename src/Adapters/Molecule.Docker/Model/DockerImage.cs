namespace Molecule.Docker;

/// <summary>An image as <c>GET /images/{name}/json</c> describes it.</summary>
public sealed record DockerImage(
    string Id,
    IReadOnlyList<string> RepoTags,
    DateTimeOffset? Created,
    string? Architecture,
    string? Os,
    long Size,
    IReadOnlyList<string> Env,
    IReadOnlyList<string>? Cmd,
    IReadOnlyList<string>? Entrypoint,
    string? WorkingDir,
    string? User,
    IReadOnlyDictionary<string, string> Labels);
