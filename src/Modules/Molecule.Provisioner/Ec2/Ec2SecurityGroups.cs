using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Compute;

namespace Molecule.Provisioner.Ec2;

/// <summary>
/// The workspace's own security group in EC2_VPC_ID. Its only ingress is tcp/22 from the Instance
/// Connect endpoint's group (never a CIDR): agents reach the platform outbound, and the platform
/// reaches them only through the endpoint. Found by name before it is created, so a retried start
/// reuses the group its first attempt made. Without EC2_VPC_ID the legacy shared group is used as is.
/// </summary>
internal sealed partial class Ec2SecurityGroups(
    IAmazonEC2 ec2, IOptions<Ec2ProvisionerOptions> options, TimeProvider clock, ILogger<Ec2SecurityGroups> logger)
{
    public const string DependencyViolation = "DependencyViolation";

    /// <summary>The group the instance launches in.</summary>
    public async Task<string> EnsureAsync(Guid workspaceId, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.UsesPerWorkspaceGroups)
        {
            return settings.SharedSecurityGroup!.Trim();
        }

        var group = await FindAsync(workspaceId, cancellationToken);
        string groupId;
        if (group is null)
        {
            var created = await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                GroupName = Ec2Names.SecurityGroupName(workspaceId),
                Description = $"Molecule workspace {workspaceId:D}: SSH from the EC2 Instance Connect endpoint only",
                VpcId = settings.VpcId!.Trim(),
                TagSpecifications = [new TagSpecification { ResourceType = ResourceType.SecurityGroup, Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }],
            }, cancellationToken);
            groupId = created.GroupId;
            LogCreated(workspaceId, groupId);
        }
        else
        {
            groupId = group.GroupId;
        }

        if (!string.IsNullOrWhiteSpace(settings.EndpointSecurityGroup) && !HasEndpointIngress(group, settings.EndpointSecurityGroup.Trim()))
        {
            await AuthorizeEndpointAsync(groupId, settings.EndpointSecurityGroup.Trim(), cancellationToken);
        }
        else if (string.IsNullOrWhiteSpace(settings.EndpointSecurityGroup))
        {
            LogNoEndpointGroup(workspaceId, groupId);
        }

        return groupId;
    }

    /// <summary>
    /// Deletes the workspace's own group, retrying while AWS still reports a dependency (a just
    /// terminated instance lets go of it a little later). A group that is gone is success.
    /// </summary>
    public async Task DeleteAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.UsesPerWorkspaceGroups || await FindAsync(workspaceId, cancellationToken) is not { } group)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = group.GroupId }, cancellationToken);
                LogDeleted(workspaceId, group.GroupId);
                return;
            }
            catch (AmazonEC2Exception exception) when (exception.ErrorCode == "InvalidGroup.NotFound")
            {
                return;
            }
            catch (AmazonEC2Exception exception) when (exception.ErrorCode == DependencyViolation)
            {
                if (attempt >= settings.GroupDeleteAttempts)
                {
                    throw new ComputeOperationException(
                        $"security group {group.GroupId} of workspace {workspaceId} is still in use after {attempt} delete attempts; retry the delete");
                }

                await Task.Delay(settings.PollInterval, clock, cancellationToken);
            }
        }
    }

    private async Task<SecurityGroup?> FindAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var found = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters =
            [
                new Filter("vpc-id", [options.Value.VpcId!.Trim()]),
                new Filter("group-name", [Ec2Names.SecurityGroupName(workspaceId)]),
            ],
        }, cancellationToken);
        return found.SecurityGroups?.FirstOrDefault();
    }

    private static bool HasEndpointIngress(SecurityGroup? group, string endpointGroup) =>
        group?.IpPermissions?.Any(p => p.IpProtocol == "tcp" && p.FromPort == 22 && p.ToPort == 22
            && (p.UserIdGroupPairs ?? []).Any(pair => pair.GroupId == endpointGroup)) == true;

    private async Task AuthorizeEndpointAsync(string groupId, string endpointGroup, CancellationToken cancellationToken)
    {
        try
        {
            await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = groupId,
                IpPermissions =
                [
                    new IpPermission
                    {
                        IpProtocol = "tcp",
                        FromPort = 22,
                        ToPort = 22,
                        UserIdGroupPairs = [new UserIdGroupPair { GroupId = endpointGroup, Description = "SSH from the EC2 Instance Connect endpoint" }],
                    },
                ],
            }, cancellationToken);
        }
        catch (AmazonEC2Exception exception) when (exception.ErrorCode == "InvalidPermission.Duplicate")
        {
            // A retried start: the rule is already there.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "workspace {WorkspaceId}: created security group {GroupId}")]
    private partial void LogCreated(Guid workspaceId, string groupId);

    [LoggerMessage(Level = LogLevel.Information, Message = "workspace {WorkspaceId}: deleted security group {GroupId}")]
    private partial void LogDeleted(Guid workspaceId, string groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace {WorkspaceId}: EIC_ENDPOINT_SG_ID is unset, so group {GroupId} has no ingress and the terminal cannot open an EIC tunnel")]
    private partial void LogNoEndpointGroup(Guid workspaceId, string groupId);
}
