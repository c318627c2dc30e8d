using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Auth;
using Npgsql;

namespace Molecule.Testing;

/// <summary>
/// Arranging auth state with direct SQL (and the app's own <see cref="IWorkspaceTokens"/>): workspaces
/// rows, workspace tokens, org tokens. Usable by every area's integration tests.
/// </summary>
public static class AuthArrange
{
    /// <summary>Inserts a bare <c>workspaces</c> row with the given status and returns its id.</summary>
    public static Task<Guid> InsertWorkspaceAsync(this MoleculeApp app, string status = "online", string name = "test-workspace") =>
        app.SeedWorkspaceAsync(name, status);

    /// <summary>Mints a live workspace token through the app's token store.</summary>
    public static Task<string> IssueWorkspaceTokenAsync(this MoleculeApp app, Guid workspaceId) =>
        app.Services.GetRequiredService<IWorkspaceTokens>().IssueAsync(workspaceId);

    /// <summary>Inserts a live org token (same format as the server's) and returns its row id and plaintext.</summary>
    public static async Task<(Guid Id, string Token)> InsertOrgTokenAsync(this MoleculeApp app, Guid? orgId = null, string? name = null)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await using var command = app.Db.CreateCommand(
            "INSERT INTO org_api_tokens (token_hash, prefix, name, org_id, created_by) VALUES ($1, $2, $3, $4, 'test') RETURNING id");
        command.Parameters.Add(new NpgsqlParameter { Value = SHA256.HashData(Encoding.UTF8.GetBytes(token)) });
        command.Parameters.Add(new NpgsqlParameter { Value = token[..8] });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)orgId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return ((Guid)(await command.ExecuteScalarAsync())!, token);
    }

    /// <summary>Runs one SQL statement against the app's database (revoking, renaming, …).</summary>
    public static async Task ExecuteSqlAsync(this MoleculeApp app, string sql)
    {
        await using var command = app.Db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A single scalar from the app's database.</summary>
    public static async Task<T> ScalarAsync<T>(this MoleculeApp app, string sql)
    {
        await using var command = app.Db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
