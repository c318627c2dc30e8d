using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Molecule.Kernel.Runtimes;
using Molecule.Kernel.Secrets;

namespace Molecule.Testing;

/// <summary>
/// Stand-ins for contracts other modules implement, registered only when the host has none yet
/// (TryAdd), so the real implementations win as soon as they land.
/// </summary>
public static class WorkspacesTestServices
{
    public static IServiceCollection AddWorkspacesStandIns(this IServiceCollection services)
    {
        services.TryAddSingleton<IRuntimeCatalog, WorkspacesRuntimeCatalog>();
        services.TryAddSingleton<ISecretReader, WorkspacesNoSecrets>();
        return services;
    }

    /// <summary>The reference's runtime allowlist.</summary>
    public sealed class WorkspacesRuntimeCatalog : IRuntimeCatalog
    {
        public IReadOnlyList<string> Names { get; } =
            ["claude-code", "langgraph", "crewai", "autogen", "deepagents", "hermes", "gemini-cli", "openclaw", "external"];

        public IReadOnlyList<string> RuntimesWithImages => Names.Where(name => name != IRuntimeCatalog.External).ToList();

        public bool IsKnown(string runtime) => Names.Contains(runtime);

        public string Sanitize(string? runtime)
        {
            var trimmed = (runtime ?? "").Trim();
            return IsKnown(trimmed) ? trimmed : IRuntimeCatalog.DefaultRuntime;
        }

        public string DockerImageFor(string runtime) =>
            $"ghcr.io/molecule-ai/workspace-template-{(IsKnown(runtime) && runtime != IRuntimeCatalog.External ? runtime : IRuntimeCatalog.DefaultRuntime)}:latest";
    }

    /// <summary>A secrets store with nothing in it.</summary>
    public sealed class WorkspacesNoSecrets : ISecretReader
    {
        public Task<IReadOnlyDictionary<string, string>> ReadMergedAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
    }
}
