using System.Text.Json.Nodes;

namespace Molecule.Provisioner.Ec2;

/// <summary>
/// The EC2 start's WORKSPACE_PROVISION_PROGRESS stages, like the Docker path's. Payloads name AWS
/// resources only (secret name, group, instance), never a value.
/// </summary>
internal sealed class Ec2Progress(ProgressEvents progress)
{
    public const string BootstrapWritten = "writing_bootstrap";
    public const string SecurityGroupReady = "security_group_ready";
    public const string Launching = "launching_instance";
    public const string Launched = "instance_launched";
    public const string StartingInstance = "starting_instance";

    public Task StageAsync(Guid workspaceId, string stage, JsonObject details, CancellationToken cancellationToken)
    {
        details["stage"] = stage;
        details["backend"] = "ec2";
        return progress.RecordAsync(workspaceId, details, cancellationToken);
    }
}
