using Microsoft.Extensions.Configuration;
using Molecule.Plugins.Configuration;

namespace Molecule.Plugins;

/// <summary>Settings of the Plugins module, under the reference's environment variable names where it had one.</summary>
internal sealed class PluginsOptions
{
    public const string DefaultGithubBaseUrl = "https://codeload.github.com";
    public static readonly TimeSpan DefaultFetchTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The local plugin registry: one subdirectory per plugin. Unset: found next to CONFIGS_DIR or the working directory.</summary>
    [ConfigurationKeyName("PLUGINS_DIR")]
    public string? PluginsDir { get; set; }

    /// <summary>Where <c>github://owner/repo#ref</c> tarballs come from: <c>{base}/{owner}/{repo}/tar.gz/{ref}</c>.</summary>
    [ConfigurationKeyName("PLUGINS_GITHUB_BASE_URL")]
    public string GithubBaseUrl { get; set; } = DefaultGithubBaseUrl;

    /// <summary>Exactly <c>true</c> lets <c>github://owner/repo</c> without a ref through.</summary>
    [ConfigurationKeyName("PLUGIN_ALLOW_UNPINNED")]
    public string? AllowUnpinned { get; set; }

    /// <summary>A Go duration (<c>5m</c>, <c>90s</c>) bounding the fetch of a plugin.</summary>
    [ConfigurationKeyName("PLUGIN_INSTALL_FETCH_TIMEOUT")]
    public string? FetchTimeout { get; set; }

    [ConfigurationKeyName("PLUGIN_INSTALL_MAX_DIR_BYTES")]
    public long MaxDirBytes { get; set; } = 100L * 1024 * 1024;

    [ConfigurationKeyName("PLUGIN_INSTALL_BODY_MAX_BYTES")]
    public long BodyMaxBytes { get; set; } = 64 * 1024;

    public bool AllowsUnpinned => AllowUnpinned == "true";

    public TimeSpan FetchTimeoutValue =>
        string.IsNullOrWhiteSpace(FetchTimeout) ? DefaultFetchTimeout
        : GoDuration.TryParse(FetchTimeout, out var timeout) ? timeout
        : throw new InvalidOperationException("PLUGIN_INSTALL_FETCH_TIMEOUT was validated at start");

    /// <summary>Null when the settings are usable, else what is wrong.</summary>
    public string? Validate()
    {
        if (!Uri.TryCreate(GithubBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            return "PLUGINS_GITHUB_BASE_URL must be an absolute http(s) URL";
        }

        if (!string.IsNullOrWhiteSpace(FetchTimeout) && (!GoDuration.TryParse(FetchTimeout, out var timeout) || timeout <= TimeSpan.Zero))
        {
            return "PLUGIN_INSTALL_FETCH_TIMEOUT must be a positive duration such as 5m or 90s";
        }

        if (MaxDirBytes <= 0)
        {
            return "PLUGIN_INSTALL_MAX_DIR_BYTES must be positive";
        }

        return BodyMaxBytes <= 0 ? "PLUGIN_INSTALL_BODY_MAX_BYTES must be positive" : null;
    }
}
