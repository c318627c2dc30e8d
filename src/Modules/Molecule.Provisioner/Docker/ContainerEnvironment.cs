using System.Globalization;
using System.Text;

namespace Molecule.Provisioner.Docker;

/// <summary>What the environment of one workspace container is built from.</summary>
internal sealed record ContainerEnvironmentInput(
    Guid WorkspaceId,
    string Name,
    string Runtime,
    int Tier,
    string PlatformUrl,
    IReadOnlyDictionary<string, string> Merged,
    string? Role = null,
    string? Model = null,
    string? AwarenessNamespace = null,
    string? AwarenessUrl = null);

/// <summary>
/// The environment of a workspace container (spec/backends.md §1.2): the platform's variables
/// first, then the workspace's secrets and the job's own variables (which win, as a later
/// duplicate wins inside Docker), then git identity, the hermes model and the agent role when
/// absent, and <c>AGENT_PORT</c>, which also decides the agent's URL on the host network.
/// Values are secrets: this list is only ever handed to the engine.
/// </summary>
internal static class ContainerEnvironment
{
    public const string AgentPortVariable = "AGENT_PORT";
    public const int DefaultAgentPort = 8000;

    private const string GitEmailDomain = "agents.moleculesai.app";

    public static IReadOnlyList<KeyValuePair<string, string>> Build(ContainerEnvironmentInput input)
    {
        var env = new OrderedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["WORKSPACE_ID"] = input.WorkspaceId.ToString("D"),
            ["WORKSPACE_CONFIG_PATH"] = WorkspaceMounts.ConfigsPath,
            ["PLATFORM_URL"] = input.PlatformUrl,
            ["MOLECULE_URL"] = input.PlatformUrl,
            ["TIER"] = input.Tier.ToString(CultureInfo.InvariantCulture),
            ["PLUGINS_DIR"] = "/plugins",
            ["PYTHONPATH"] = "/app",
        };
        if (!string.IsNullOrEmpty(input.AwarenessUrl))
        {
            env["AWARENESS_NAMESPACE"] = string.IsNullOrEmpty(input.AwarenessNamespace) ? $"workspace:{input.WorkspaceId:D}" : input.AwarenessNamespace;
            env["AWARENESS_URL"] = input.AwarenessUrl;
        }

        foreach (var (key, value) in input.Merged)
        {
            env[key] = value;
        }

        var name = input.Name.Trim();
        if (name.Length > 0)
        {
            env.TryAdd("GIT_AUTHOR_NAME", $"Molecule AI {name}");
            env.TryAdd("GIT_COMMITTER_NAME", $"Molecule AI {name}");
        }

        var email = $"{GitSlug(name)}@{GitEmailDomain}";
        env.TryAdd("GIT_AUTHOR_EMAIL", email);
        env.TryAdd("GIT_COMMITTER_EMAIL", email);

        if (input.Runtime == "hermes")
        {
            var model = !string.IsNullOrEmpty(input.Model) ? input.Model : input.Merged.GetValueOrDefault("MODEL_PROVIDER");
            if (!string.IsNullOrEmpty(model))
            {
                env.TryAdd("HERMES_DEFAULT_MODEL", model);
            }
        }

        // The reference passed the role only on create, so it vanished after a restart; the row keeps it.
        if (!string.IsNullOrWhiteSpace(input.Role))
        {
            env.TryAdd("MOLECULE_AGENT_ROLE", input.Role);
        }

        env.TryAdd(AgentPortVariable, DefaultAgentPort.ToString(CultureInfo.InvariantCulture));
        return [.. env];
    }

    /// <summary><c>KEY=value</c> entries for the engine.</summary>
    public static IReadOnlyList<string> ToDockerEnv(IReadOnlyList<KeyValuePair<string, string>> env) =>
        [.. env.Select(pair => $"{pair.Key}={pair.Value}")];

    /// <summary>The port the agent serves on: <c>AGENT_PORT</c> when it is a port, else 8000.</summary>
    public static int AgentPort(IReadOnlyList<KeyValuePair<string, string>> env)
    {
        var value = env.LastOrDefault(pair => pair.Key == AgentPortVariable).Value;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : DefaultAgentPort;
    }

    /// <summary>
    /// True when the job asked for a fresh claude-code session, or the workspace's secrets say so with
    /// <c>WORKSPACE_RESET_SESSION</c> set to a Go boolean true (1, t, T, true, TRUE, True).
    /// </summary>
    public static bool ResetsSession(bool requested, IReadOnlyDictionary<string, string> merged) =>
        requested || merged.GetValueOrDefault("WORKSPACE_RESET_SESSION") is "1" or "t" or "T" or "true" or "TRUE" or "True";

    /// <summary>Lower-cased name with every run of characters outside [a-z0-9] turned into one '-', outer '-' trimmed.</summary>
    public static string GitSlug(string name)
    {
        var slug = new StringBuilder(name.Length);
        var pendingDash = false;
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingDash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                pendingDash = false;
                slug.Append(c);
            }
            else
            {
                pendingDash = true;
            }
        }

        return slug.ToString();
    }
}
