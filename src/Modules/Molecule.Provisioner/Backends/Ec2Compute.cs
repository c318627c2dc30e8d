using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Aws;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Runtimes;
using Molecule.Kernel.Workspaces;
using Molecule.Provisioner.Docker;
using Molecule.Provisioner.Ec2;

namespace Molecule.Provisioner.Backends;

/// <summary>
/// Runs a workspace on its own EC2 instance (spec/ec2-backend.md). A first start writes the
/// bootstrap bundle to Secrets Manager, makes the workspace's security group and launches the
/// instance with a user-data that only says where the bundle is; <c>instance_id</c> is written the
/// moment RunInstances answers. Later starts update the bundle and start the same instance (stopping
/// it first when it still runs, so it boots with the new bundle). Stop keeps the disk. Delete
/// terminates, waits for <c>terminated</c> under a deadline, then removes the group and the secret;
/// a deadline missed is a reported failure that a second delete replays.
/// </summary>
internal sealed partial class Ec2Compute(
    IAmazonEC2 ec2,
    Ec2Instances instances,
    Ec2SecurityGroups groups,
    Ec2BootstrapSecrets bootstrap,
    Ec2InstanceRecorder recorder,
    Ec2Readiness readiness,
    Ec2Progress progress,
    IEc2RuntimeImages runtimeImages,
    IWorkspaceTokens tokens,
    WorkspaceSettingsReader rows,
    IOptions<Ec2ProvisionerOptions> options,
    IOptions<PlatformOptions> platform,
    IOptions<AwsOptions> aws,
    IOptions<DockerProvisionerOptions> docker,
    TimeProvider clock,
    ILogger<Ec2Compute> logger) : IWorkspaceCompute
{
    private readonly Ec2TierTable _tiers = new(options.Value.TierTable);

    public async Task<ProvisionResult> StartAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        var workspace = request.Workspace;
        if (readiness.Problem(workspace.Runtime) is { } problem)
        {
            return ProvisionResult.Failed($"EC2 provisioning refused: {problem}");
        }

        try
        {
            var secretName = await WriteBootstrapAsync(request, cancellationToken);
            if (!string.IsNullOrWhiteSpace(workspace.InstanceId)
                && await instances.StateOfAsync(workspace.InstanceId, cancellationToken) is { } state
                && !Ec2Instances.IsGone(state))
            {
                await BootExistingAsync(workspace.Id, workspace.InstanceId, state, cancellationToken);
                return new ProvisionResult(true, null, workspace.InstanceId, null);
            }

            var instanceId = await LaunchAsync(workspace, secretName, cancellationToken);
            return new ProvisionResult(true, null, instanceId, null);
        }
        catch (AmazonServiceException exception)
        {
            LogAwsFailed(workspace.Id, "start", exception.ErrorCode, exception.RequestId);
            return ProvisionResult.Failed($"EC2 start failed: {exception.ErrorCode}: {exception.Message}");
        }
        catch (ComputeOperationException exception)
        {
            return ProvisionResult.Failed(exception.Message);
        }
    }

    public async Task StopAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(workspace.InstanceId))
        {
            return;
        }

        var instanceId = workspace.InstanceId;
        RefuseWhenNotSetUp(workspace, "stop");
        try
        {
            var state = await instances.StateOfAsync(instanceId, cancellationToken);
            if (Ec2Instances.IsGone(state) || state is Ec2Instances.Stopping or Ec2Instances.Stopped)
            {
                return;
            }

            // The disk stays: a later start boots the same instance with its volume intact.
            await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [instanceId] }, cancellationToken);
            LogStopped(workspace.Id, instanceId);
        }
        catch (AmazonServiceException exception)
        {
            throw new ComputeOperationException(
                $"could not stop instance {instanceId} of workspace {workspace.Id}: {exception.ErrorCode}: {exception.Message}");
        }
    }

    public async Task DeleteAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        if (!readiness.IsSetUp && string.IsNullOrWhiteSpace(workspace.InstanceId))
        {
            return; // nothing can have been launched without the EC2 configuration
        }

        RefuseWhenNotSetUp(workspace, "delete");
        try
        {
            var states = new Dictionary<string, string?>(
                (await instances.OfWorkspaceAsync(workspace.Id, cancellationToken)).Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)),
                StringComparer.Ordinal);
            if (!string.IsNullOrWhiteSpace(workspace.InstanceId) && !states.ContainsKey(workspace.InstanceId))
            {
                states[workspace.InstanceId] = await instances.StateOfAsync(workspace.InstanceId, cancellationToken);
            }

            var alive = states.Where(pair => pair.Value is not (null or Ec2Instances.Terminated)).Select(pair => pair.Key).ToList();
            var toTerminate = states.Where(pair => !Ec2Instances.IsGone(pair.Value)).Select(pair => pair.Key).ToList();
            if (toTerminate.Count > 0)
            {
                await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = toTerminate }, cancellationToken);
                LogTerminating(workspace.Id, string.Join(", ", toTerminate));
            }

            await WaitForAsync(workspace.Id, alive, Ec2Instances.Terminated, options.Value.DeleteTimeout, "delete", cancellationToken);

            // Only once no instance holds them: the group cannot go before, and the secret must not
            // vanish under an instance still booting from it.
            await groups.DeleteAsync(workspace.Id, cancellationToken);
            await bootstrap.DeleteAsync(workspace.Id, cancellationToken);
        }
        catch (AmazonServiceException exception)
        {
            throw new ComputeOperationException(
                $"could not delete the EC2 resources of workspace {workspace.Id}{InstanceNote(workspace)}: {exception.ErrorCode}: {exception.Message}");
        }
    }

    public async Task<bool> IsRunningAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(workspace.InstanceId))
        {
            return false;
        }

        if (!readiness.IsSetUp)
        {
            return true; // this server cannot ask AWS: never declare a workspace dead without proof
        }

        try
        {
            return await instances.StateOfAsync(workspace.InstanceId, cancellationToken) is Ec2Instances.Pending or Ec2Instances.Running;
        }
        catch (AmazonServiceException)
        {
            return true; // AWS cannot say right now: never declare a workspace dead without proof
        }
    }

    /// <summary>Rotates the token and writes the bundle the instance reads at boot; returns the secret's name.</summary>
    private async Task<string> WriteBootstrapAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        var workspace = request.Workspace;
        var row = await rows.ReadAsync(workspace.Id, cancellationToken);
        var platformUrl = platform.Value.PlatformUrl!.Trim().TrimEnd('/');
        var environment = ContainerEnvironment.Build(new ContainerEnvironmentInput(
            workspace.Id,
            workspace.Name,
            workspace.Runtime,
            workspace.Tier,
            platformUrl,
            request.Environment,
            row.Role,
            row.Model,
            row.AwarenessNamespace,
            docker.Value.AwarenessUrl));

        // As on Docker: every older token dies, and the agent reads the new one at its next boot.
        await tokens.RevokeAllAsync([workspace.Id], cancellationToken);
        var token = await tokens.IssueAsync(workspace.Id, cancellationToken);
        var bundle = Ec2BootstrapBundle.Render(workspace.Id, platformUrl, token, environment);
        var name = await bootstrap.WriteAsync(workspace.Id, bundle, OwnedTags(workspace.Id), cancellationToken);
        await progress.StageAsync(workspace.Id, Ec2Progress.BootstrapWritten, new JsonObject { ["secret"] = name }, cancellationToken);
        return name;
    }

    /// <summary>Boots an instance that already exists: stopped → start; still running → stop, wait, start.</summary>
    private async Task BootExistingAsync(Guid workspaceId, string instanceId, string state, CancellationToken cancellationToken)
    {
        if (state == Ec2Instances.Pending)
        {
            // EC2 cannot stop an instance that is still pending: let it come up first.
            await WaitForAsync(workspaceId, [instanceId], Ec2Instances.Running, options.Value.StopTimeout, "restart", cancellationToken);
            state = Ec2Instances.Running;
        }

        if (state == Ec2Instances.Running)
        {
            await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [instanceId] }, cancellationToken);
            state = Ec2Instances.Stopping;
        }

        if (state == Ec2Instances.Stopping)
        {
            await WaitForAsync(workspaceId, [instanceId], Ec2Instances.Stopped, options.Value.StopTimeout, "restart", cancellationToken);
        }

        await progress.StageAsync(workspaceId, Ec2Progress.StartingInstance, new JsonObject { ["instance_id"] = instanceId }, cancellationToken);
        await ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [instanceId] }, cancellationToken);
        LogStarted(workspaceId, instanceId);
    }

    private async Task<string> LaunchAsync(WorkspaceRef workspace, string secretName, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var region = aws.Value.EffectiveRegion;
        var image = runtimeImages.For(workspace.Runtime, region);
        var size = _tiers.For(workspace.Tier, image.MinimumRootVolumeGb);
        var groupId = await groups.EnsureAsync(workspace.Id, OwnedTags(workspace.Id), cancellationToken);
        await progress.StageAsync(workspace.Id, Ec2Progress.SecurityGroupReady, new JsonObject { ["security_group_id"] = groupId }, cancellationToken);

        var userData = Ec2UserData.Render(new Ec2BootPlan(workspace.Id, secretName, region, image.Image, Ec2UserData.ConfigDirFor(workspace.Runtime)));
        var tags = Ec2Tags.ForInstance(workspace.Id, workspace.Runtime, groupId, platform.Value.OrgId, platform.Value.MoleculeEnv);
        var profile = settings.InstanceProfile!.Trim();
        await progress.StageAsync(workspace.Id, Ec2Progress.Launching, new JsonObject
        {
            ["instance_type"] = size.InstanceType,
            ["root_volume_gb"] = size.RootVolumeGb,
            ["image_id"] = image.AmiId,
            ["runtime_image"] = image.Image,
        }, cancellationToken);

        var answer = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = image.AmiId,
            InstanceType = InstanceType.FindValue(size.InstanceType),
            MinCount = 1,
            MaxCount = 1,
            SubnetId = settings.SubnetId!.Trim(),
            SecurityGroupIds = [groupId],
            IamInstanceProfile = profile.StartsWith("arn:", StringComparison.Ordinal)
                ? new IamInstanceProfileSpecification { Arn = profile }
                : new IamInstanceProfileSpecification { Name = profile },
            KeyName = string.IsNullOrWhiteSpace(settings.KeyName) ? null : settings.KeyName.Trim(),
            UserData = Ec2UserData.Encode(userData),
            ClientToken = Ec2Names.ClientToken(workspace.Id, workspace.InstanceId),
            BlockDeviceMappings =
            [
                new BlockDeviceMapping
                {
                    DeviceName = settings.EffectiveRootDevice,
                    Ebs = new EbsBlockDevice { VolumeSize = size.RootVolumeGb, VolumeType = VolumeType.Gp3, DeleteOnTermination = true, Encrypted = true },
                },
            ],
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }],
        }, cancellationToken);

        var instanceId = answer.Reservation?.Instances?.FirstOrDefault()?.InstanceId
            ?? throw new ComputeOperationException($"RunInstances answered no instance for workspace {workspace.Id}");

        // Before anything else can fail or wait: the row must know the instance exists.
        await recorder.RecordAsync(workspace.Id, instanceId, CancellationToken.None);
        await progress.StageAsync(workspace.Id, Ec2Progress.Launched, new JsonObject { ["instance_id"] = instanceId }, cancellationToken);
        LogLaunched(workspace.Id, instanceId, size.InstanceType, size.RootVolumeGb);
        return instanceId;
    }

    /// <summary>Polls until every instance is <paramref name="target"/> (or gone); past the deadline, a failure naming them.</summary>
    private async Task WaitForAsync(
        Guid workspaceId, IReadOnlyCollection<string> instanceIds, string target, TimeSpan deadline, string action, CancellationToken cancellationToken)
    {
        var remaining = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var id in instanceIds)
        {
            remaining[id] = null;
        }

        var until = clock.GetUtcNow() + deadline;
        while (remaining.Count > 0)
        {
            foreach (var id in remaining.Keys.ToList())
            {
                var state = await instances.StateOfAsync(id, cancellationToken);
                if (state is null || state == target || state == Ec2Instances.Terminated)
                {
                    remaining.Remove(id);
                }
                else
                {
                    remaining[id] = state;
                }
            }

            if (remaining.Count == 0)
            {
                return;
            }

            if (clock.GetUtcNow() >= until)
            {
                var stuck = string.Join(", ", remaining.Select(pair => $"{pair.Key} ({pair.Value})"));
                throw new ComputeOperationException(
                    $"{action} of workspace {workspaceId}: instance {stuck} did not reach {target} within {deadline.TotalSeconds:0} s; retry the {action}");
            }

            await Task.Delay(options.Value.PollInterval, clock, cancellationToken);
        }
    }

    private void RefuseWhenNotSetUp(WorkspaceRef workspace, string action)
    {
        if (!readiness.IsSetUp)
        {
            throw new ComputeOperationException(
                $"the ec2 backend is not configured on this server (EC2_SUBNET_ID, EC2_VPC_ID): cannot {action} instance {workspace.InstanceId} of workspace {workspace.Id}");
        }
    }

    private IReadOnlyList<KeyValuePair<string, string>> OwnedTags(Guid workspaceId) =>
        Ec2Tags.ForOwnedResource(workspaceId, platform.Value.OrgId, platform.Value.MoleculeEnv);

    private static string InstanceNote(WorkspaceRef workspace) =>
        string.IsNullOrWhiteSpace(workspace.InstanceId) ? "" : $" (instance {workspace.InstanceId})";

    [LoggerMessage(Level = LogLevel.Information, Message = "workspace {WorkspaceId}: launched instance {InstanceId} ({InstanceType}, {RootVolumeGb} GB)")]
    private partial void LogLaunched(Guid workspaceId, string instanceId, string instanceType, int rootVolumeGb);

    [LoggerMessage(Level = LogLevel.Information, Message = "workspace {WorkspaceId}: started instance {InstanceId}")]
    private partial void LogStarted(Guid workspaceId, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "workspace {WorkspaceId}: stopping instance {InstanceId}")]
    private partial void LogStopped(Guid workspaceId, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "workspace {WorkspaceId}: terminating {Instances}")]
    private partial void LogTerminating(Guid workspaceId, string instances);

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace {WorkspaceId}: EC2 {Action} failed with {Code} (request {RequestId})")]
    private partial void LogAwsFailed(Guid workspaceId, string action, string code, string requestId);
}
