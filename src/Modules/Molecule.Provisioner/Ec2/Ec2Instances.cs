using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Options;

namespace Molecule.Provisioner.Ec2;

/// <summary>DescribeInstances as the provisioner needs it: one instance's state, and a workspace's instances by tag.</summary>
internal sealed class Ec2Instances(IAmazonEC2 ec2, IOptions<Kernel.Configuration.PlatformOptions> platform)
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Stopping = "stopping";
    public const string Stopped = "stopped";
    public const string ShuttingDown = "shutting-down";
    public const string Terminated = "terminated";

    /// <summary>The instance's state name, or null when AWS no longer knows it.</summary>
    public async Task<string?> StateOfAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, cancellationToken);
            return (answer.Reservations ?? []).SelectMany(r => r.Instances ?? []).FirstOrDefault(i => i.InstanceId == instanceId)?.State?.Name?.Value;
        }
        catch (AmazonEC2Exception exception) when (exception.ErrorCode == "InvalidInstanceID.NotFound")
        {
            return null;
        }
    }

    /// <summary>Every instance of this environment tagged with the workspace, with its state (terminated ones included).</summary>
    public async Task<IReadOnlyDictionary<string, string>> OfWorkspaceAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        string? next = null;
        for (var page = 0; page < 20; page++)
        {
            var filters = new List<Filter> { new("tag:" + Ec2Tags.WorkspaceId, [workspaceId.ToString("D")]) };
            if (platform.Value.MoleculeEnv?.Trim() is { Length: > 0 } environment)
            {
                filters.Add(new Filter("tag:" + Ec2Tags.Environment, [environment]));
            }

            var answer = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, NextToken = next }, cancellationToken);
            foreach (var instance in (answer.Reservations ?? []).SelectMany(r => r.Instances ?? []))
            {
                found[instance.InstanceId] = instance.State?.Name?.Value ?? "";
            }

            next = answer.NextToken;
            if (string.IsNullOrEmpty(next))
            {
                break;
            }
        }

        return found;
    }

    public static bool IsGone(string? state) => state is null or ShuttingDown or Terminated;
}
