using Microsoft.Extensions.Options;
using Molecule.Docker.Client;

namespace Molecule.Docker;

/// <summary>Refuses to start with a DOCKER_HOST or API version the client cannot use, naming the bad value.</summary>
internal sealed class DockerOptionsValidator : IValidateOptions<DockerOptions>
{
    public ValidateOptionsResult Validate(string? name, DockerOptions options)
    {
        var failures = new List<string>();
        if (!DockerEndpoint.TryParse(options.EffectiveHost, out _, out var hostError))
        {
            failures.Add(hostError);
        }

        if (!string.IsNullOrWhiteSpace(options.ApiVersion) && !ApiVersion.TryParse(options.ApiVersion, out _))
        {
            failures.Add($"DOCKER_API_VERSION must look like 1.41, got \"{options.ApiVersion}\"");
        }

        if (options.RequestTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add("DOCKER_REQUEST_TIMEOUT_SECONDS must be between 1 and 3600");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
