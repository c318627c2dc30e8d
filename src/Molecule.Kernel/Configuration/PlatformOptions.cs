using Microsoft.Extensions.Configuration;

namespace Molecule.Kernel.Configuration;

/// <summary>
/// Platform-wide settings several modules read, bound from the reference's environment variables.
/// The reference parses <c>MOLECULE_ENV</c> three different ways; each rule is kept, by name.
/// </summary>
public sealed class PlatformOptions
{
    [ConfigurationKeyName("ADMIN_TOKEN")]
    public string? AdminToken { get; set; }

    [ConfigurationKeyName("MOLECULE_ENV")]
    public string? MoleculeEnv { get; set; }

    [ConfigurationKeyName("MOLECULE_ORG_ID")]
    public string? OrgId { get; set; }

    [ConfigurationKeyName("MOLECULE_DEPLOY_MODE")]
    public string? DeployMode { get; set; }

    [ConfigurationKeyName("MOLECULE_ENABLE_TEST_TOKENS")]
    public string? EnableTestTokens { get; set; }

    [ConfigurationKeyName("PLATFORM_URL")]
    public string? PlatformUrl { get; set; }

    [ConfigurationKeyName("EXTERNAL_PLATFORM_URL")]
    public string? ExternalPlatformUrl { get; set; }

    [ConfigurationKeyName("CORS_ORIGINS")]
    public string? CorsOrigins { get; set; }

    [ConfigurationKeyName("CANVAS_PROXY_URL")]
    public string? CanvasProxyUrl { get; set; }

    public bool HasAdminToken => !string.IsNullOrEmpty(AdminToken);

    /// <summary><c>MOLECULE_ENV</c> trimmed and lowercased is dev or development.</summary>
    public bool IsDevEnvironment => (MoleculeEnv ?? "").Trim().ToLowerInvariant() is "dev" or "development";

    /// <summary>Dev mode fails auth open: a dev environment with no <c>ADMIN_TOKEN</c>.</summary>
    public bool IsDevMode => !HasAdminToken && IsDevEnvironment;

    /// <summary>Encryption is mandatory when <c>MOLECULE_ENV</c> is prod or production.</summary>
    public bool IsProduction => (MoleculeEnv ?? "").Trim().ToLowerInvariant() is "prod" or "production";

    /// <summary>The test-token route exists unless <c>MOLECULE_ENV</c> is exactly <c>production</c>.</summary>
    public bool TestTokensEnabled => EnableTestTokens == "1" || MoleculeEnv != "production";

    /// <summary>SaaS mode: explicit <c>MOLECULE_DEPLOY_MODE</c>, else implied by <c>MOLECULE_ORG_ID</c>.</summary>
    public bool IsSaas => string.IsNullOrEmpty(DeployMode)
        ? !string.IsNullOrEmpty(OrgId)
        : DeployMode.Trim().ToLowerInvariant() == "saas";

    /// <summary>CORS origins as configured, trimmed; the reference's default when unset.</summary>
    public IReadOnlyList<string> CorsOriginList =>
        (string.IsNullOrWhiteSpace(CorsOrigins) ? "http://localhost:3000,http://localhost:3001" : CorsOrigins)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
