using Molecule.Testing;

namespace Molecule.IntegrationTests.Events;

/// <summary>A server with <c>CORS_ORIGINS</c> set.</summary>
public sealed class CorsRestrictedApp : MoleculeApp
{
    public CorsRestrictedApp() => Settings["CORS_ORIGINS"] = "http://localhost:3000,https://canvas.example.com";
}

/// <summary>Short keep-alive settings, so a dead client is noticed within seconds.</summary>
public sealed class FastKeepAliveApp : MoleculeApp
{
    public FastKeepAliveApp()
    {
        // A live client must answer within the timeout even on a loaded CI machine; 1 s was not
        // always enough there. The silent client is still dropped within about 4 s.
        Settings["WS_KEEPALIVE_SECONDS"] = "1";
        Settings["WS_KEEPALIVE_TIMEOUT_SECONDS"] = "3";
    }
}

/// <summary>SSE pings every second, behind an admin token.</summary>
public sealed class FastSsePingApp : MoleculeApp
{
    public FastSsePingApp()
    {
        Settings["SSE_KEEPALIVE_SECONDS"] = "1";
        Settings["ADMIN_TOKEN"] = AdminTokenApp.AdminToken;
    }
}

/// <summary>A server with <c>ADMIN_TOKEN</c> set, so AdminAuth and WorkspaceAuth are enforced.</summary>
public sealed class AdminTokenApp : MoleculeApp
{
    public const string AdminToken = "events-admin-secret";

    public AdminTokenApp() => Settings["ADMIN_TOKEN"] = AdminToken;
}
