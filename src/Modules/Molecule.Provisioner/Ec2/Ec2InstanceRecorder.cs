using Dapper;
using Npgsql;

namespace Molecule.Provisioner.Ec2;

/// <summary>
/// Writes <c>instance_id</c> the moment RunInstances answers, whatever the row's status: a start
/// superseded by a delete must still leave the instance findable on its row, never only in AWS.
/// </summary>
internal sealed class Ec2InstanceRecorder(NpgsqlDataSource db)
{
    public async Task RecordAsync(Guid workspaceId, string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE workspaces SET instance_id = @instanceId WHERE id = @workspaceId",
            new { workspaceId, instanceId },
            cancellationToken: cancellationToken));
    }
}
