using System.Text.Json.Nodes;

namespace Molecule.Provisioner.Ec2;

/// <summary>
/// What an EC2 workspace needs at boot and must never see in user-data: the merged environment
/// (secrets included), its token, the platform URL and its id. Stored as one Secrets Manager secret
/// the instance reads with its instance profile.
/// </summary>
internal static class Ec2BootstrapBundle
{
    public const int Version = 1;

    public static string Render(Guid workspaceId, string platformUrl, string token, IReadOnlyList<KeyValuePair<string, string>> environment)
    {
        var env = new JsonObject();
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        return new JsonObject
        {
            ["version"] = Version,
            ["workspace_id"] = workspaceId.ToString("D"),
            ["platform_url"] = platformUrl,
            ["auth_token"] = token,
            ["env"] = env,
        }.ToJsonString();
    }
}
