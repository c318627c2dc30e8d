using System.Security.Cryptography;
using System.Text;
using Molecule.Docker.Workspaces;

namespace Molecule.Provisioner.Ec2;

/// <summary>The names and tokens of one workspace's AWS resources, derived from its id alone.</summary>
internal static class Ec2Names
{
    public const string DefaultSecretPrefix = "molecule/workspaces/";

    /// <summary><c>ws-&lt;id12&gt;</c>, the same short name the workspace's Docker container has.</summary>
    public static string InstanceName(Guid workspaceId) => WorkspaceContainers.ContainerName(workspaceId);

    /// <summary>The per-workspace security group (EC2 refuses names starting <c>sg-</c>; ours start <c>workspace</c>).</summary>
    public static string SecurityGroupName(Guid workspaceId) => $"workspace-{workspaceId:D}";

    /// <summary>The bootstrap secret, under the environment so two environments never share one.</summary>
    public static string BootstrapSecretName(Guid workspaceId, string? environment, string? prefix)
    {
        var root = string.IsNullOrWhiteSpace(prefix) ? DefaultSecretPrefix : prefix.Trim().TrimEnd('/') + "/";
        var env = string.IsNullOrWhiteSpace(environment) ? "" : Slug(environment) + "/";
        return $"{root}{env}{workspaceId:D}/bootstrap";
    }

    /// <summary>
    /// RunInstances' idempotency token for one launch attempt of a workspace. An attempt is named by
    /// the instance it replaces (none for the first launch), which the row keeps in
    /// <c>instance_id</c>: a retry after a crash between RunInstances and the row write derives the
    /// same token, and AWS answers the instance it already launched instead of a second one; a launch
    /// replacing a terminated instance derives a new token. 64 ASCII characters at most, as EC2 allows.
    /// </summary>
    public static string ClientToken(Guid workspaceId, string? replacedInstanceId)
    {
        var attempt = string.IsNullOrWhiteSpace(replacedInstanceId) ? "first" : replacedInstanceId.Trim();
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{workspaceId:D}|{attempt}"));
        return $"molecule-{Convert.ToHexStringLower(digest)[..40]}";
    }

    private static string Slug(string text) =>
        new([.. text.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
}
