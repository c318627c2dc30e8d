using Dapper;
using Npgsql;

namespace Molecule.Plugins.Allowlist;

/// <summary>One allowed plugin of an org.</summary>
internal sealed record AllowlistRow(string PluginName, string EnabledBy, DateTime EnabledAt);

/// <summary>
/// <c>org_plugin_allowlist</c>: per org (a root workspace), the plugins its workspaces may install.
/// An org without rows allows every plugin.
/// </summary>
internal sealed class OrgAllowlistTable(NpgsqlDataSource db)
{
    public async Task<bool> OrgExistsAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = @orgId)", new { orgId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AllowlistRow>> ListAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AllowlistRow>(new CommandDefinition(
            "SELECT plugin_name, enabled_by, enabled_at FROM org_plugin_allowlist WHERE org_id = @orgId ORDER BY plugin_name",
            new { orgId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Replaces the org's whole list in one transaction; duplicates in the input collapse.</summary>
    public async Task ReplaceAsync(Guid orgId, IReadOnlyList<string> plugins, string enabledBy, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM org_plugin_allowlist WHERE org_id = @orgId", new { orgId }, transaction, cancellationToken: cancellationToken));
        if (plugins.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO org_plugin_allowlist (org_id, plugin_name, enabled_by)
                SELECT @orgId, name, @enabledBy FROM unnest(@plugins) AS name
                ON CONFLICT (org_id, plugin_name) DO NOTHING
                """,
                new { orgId, enabledBy, plugins = plugins.ToArray() },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether the org allows <paramref name="plugin"/>: listed, or the org has no list at all.</summary>
    public async Task<bool> AllowsAsync(Guid orgId, string plugin, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT NOT EXISTS (SELECT 1 FROM org_plugin_allowlist WHERE org_id = @orgId)
                OR EXISTS (SELECT 1 FROM org_plugin_allowlist WHERE org_id = @orgId AND plugin_name = @plugin)
            """,
            new { orgId, plugin },
            cancellationToken: cancellationToken));
    }
}
