using Dapper;
using Microsoft.Extensions.Options;
using Molecule.Auth.Tokens;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Configuration;
using Npgsql;

namespace Molecule.Auth.Enforcement;

/// <summary>A bearer classified for one policy, with the caller to attach when it passes.</summary>
internal sealed record ResolvedBearer(BearerKind Kind, AuthenticatedCaller? Caller)
{
    public static readonly ResolvedBearer None = new(BearerKind.None, null);

    public static readonly ResolvedBearer Unrecognised = new(BearerKind.Unrecognised, null);
}

/// <summary>The queries behind the auth middleware. Datastore failures propagate; the middleware turns them into 503.</summary>
internal sealed class CredentialLookup(NpgsqlDataSource db, TimeProvider clock, IOptions<PlatformOptions> platform)
{
    /// <summary>Any live workspace token in any workspace (status not consulted), as AdminAuth step 1 counts.</summary>
    public async Task<bool> AnyLiveWorkspaceTokenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM workspace_auth_tokens WHERE revoked_at IS NULL)",
            cancellationToken: cancellationToken));
    }

    public async Task<ResolvedBearer> ResolveAsync(string? bearer, BearerScope scope, CancellationToken cancellationToken)
    {
        if (bearer is null)
        {
            return ResolvedBearer.None;
        }

        var adminToken = platform.Value.AdminToken;
        if (!string.IsNullOrEmpty(adminToken) && TokenCodec.FixedTimeEquals(bearer, adminToken))
        {
            return new ResolvedBearer(BearerKind.AdminToken, new AuthenticatedCaller(CallerCredential.AdminToken));
        }

        if (!scope.OrgTokens && !scope.WorkspaceTokens)
        {
            return ResolvedBearer.Unrecognised;
        }

        // One round trip: match by hash and stamp last_used_at on whichever table holds the token.
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var matches = await connection.QueryAsync<TokenMatch>(new CommandDefinition(
            """
            WITH org AS (
                UPDATE org_api_tokens SET last_used_at = @now
                WHERE @orgTokens AND token_hash = @hash AND revoked_at IS NULL
                RETURNING id, prefix, org_id
            ), ws AS (
                UPDATE workspace_auth_tokens t SET last_used_at = @now
                FROM workspaces w
                WHERE @workspaceTokens AND w.id = t.workspace_id AND t.token_hash = @hash
                  AND t.revoked_at IS NULL AND w.status <> 'removed'
                  AND (@boundTo::uuid IS NULL OR t.workspace_id = @boundTo::uuid)
                RETURNING t.id, t.prefix, t.workspace_id
            )
            SELECT true AS is_org, id, prefix, org_id, NULL::uuid AS workspace_id FROM org
            UNION ALL
            SELECT false, id, prefix, NULL::uuid, workspace_id FROM ws
            """,
            new
            {
                hash = TokenCodec.Hash(bearer),
                now = clock.GetUtcNow(),
                orgTokens = scope.OrgTokens,
                workspaceTokens = scope.WorkspaceTokens,
                boundTo = scope.BoundTo,
            },
            cancellationToken: cancellationToken));

        var match = matches.OrderByDescending(m => m.IsOrg).FirstOrDefault();
        return match switch
        {
            null => ResolvedBearer.Unrecognised,
            { IsOrg: true } => new ResolvedBearer(
                BearerKind.OrgToken,
                new AuthenticatedCaller(CallerCredential.OrgToken, match.Id, match.Prefix, OrgId: match.OrgId)),
            _ => new ResolvedBearer(
                BearerKind.WorkspaceToken,
                new AuthenticatedCaller(CallerCredential.WorkspaceToken, match.Id, match.Prefix, WorkspaceId: match.WorkspaceId)),
        };
    }

    private sealed record TokenMatch(bool IsOrg, Guid Id, string Prefix, Guid? OrgId, Guid? WorkspaceId);
}
