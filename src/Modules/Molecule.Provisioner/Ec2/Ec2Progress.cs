using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Events;

namespace Molecule.Provisioner.Ec2;

/// <summary>
/// WORKSPACE_PROVISION_PROGRESS events of an EC2 start, like the Docker path's stages. Payloads
/// name AWS resources only (secret name, group, instance), never a value. Informational: a failed
/// publish never fails a start.
/// </summary>
internal sealed partial class Ec2Progress(IEventPublisher events, ILogger<Ec2Progress> logger)
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
        return SafelyAsync(() => events.RecordAndBroadcastAsync(EventTypes.WorkspaceProvisionProgress, workspaceId, details, cancellationToken));
    }

    private async Task SafelyAsync(Func<Task> publish)
    {
        try
        {
            await publish();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPublishFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not publish an EC2 provisioning progress event")]
    private partial void LogPublishFailed(Exception exception);
}
