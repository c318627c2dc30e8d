namespace Molecule.Docker;

/// <summary>That the daemon answers, with its newest API version and platform.</summary>
public sealed record DockerPing(string? ApiVersion, string? OsType, string? Server);

/// <summary>The daemon's <c>GET /version</c>.</summary>
public sealed record DockerVersion(
    string Version, string ApiVersion, string? MinApiVersion, string? Os, string? Arch, string? KernelVersion);

/// <summary>Credentials for a private registry pull, sent as the engine's <c>X-Registry-Auth</c> header.</summary>
public sealed record DockerRegistryAuth(string Username, string Password, string ServerAddress);

/// <summary>One line of a pull's progress (<c>Downloading</c>, <c>Pull complete</c>, …) with its byte counts.</summary>
public sealed record DockerPullProgress(string? Status, string? LayerId, long? Current, long? Total);
