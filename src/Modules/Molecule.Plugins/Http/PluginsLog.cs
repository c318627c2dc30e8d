using Microsoft.Extensions.Logging;

namespace Molecule.Plugins.Http;

/// <summary>What the plugins module logs.</summary>
internal static partial class PluginsLog
{
    public const string Category = "Molecule.Plugins";

    [LoggerMessage(Level = LogLevel.Debug, Message = "github plugin {Spec} unpacked: {Files} files, {LinksCopied} links copied, {LinksSkipped} links skipped")]
    public static partial void TarballUnpacked(this ILogger logger, string spec, int files, int linksCopied, int linksSkipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "fetching plugin from {Source} failed ({Failure}): {Reason}")]
    public static partial void FetchFailed(this ILogger logger, string source, string failure, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "plugin from {Source} refused: {Reason}")]
    public static partial void StagingRefused(this ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "plugin {Plugin} installed into workspace {WorkspaceId} from {Source}")]
    public static partial void Installed(this ILogger logger, string plugin, Guid workspaceId, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "plugin {Plugin} uninstalled from workspace {WorkspaceId}")]
    public static partial void Uninstalled(this ILogger logger, string plugin, Guid workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "docker step {Step} for workspace {WorkspaceId} failed")]
    public static partial void DockerStepFailed(this ILogger logger, Exception exception, string step, Guid workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "docker step {Step} for workspace {WorkspaceId} exited with {ExitCode}: {Stderr}")]
    public static partial void DockerExecFailed(this ILogger logger, string step, Guid workspaceId, int? exitCode, string stderr);

    [LoggerMessage(Level = LogLevel.Information, Message = "restart of workspace {WorkspaceId} requested ({Reason}); started: {Started}")]
    public static partial void RestartRequested(this ILogger logger, Guid workspaceId, string reason, bool started);

    [LoggerMessage(Level = LogLevel.Error, Message = "restart of workspace {WorkspaceId} ({Reason}) failed")]
    public static partial void RestartFailed(this ILogger logger, Exception exception, Guid workspaceId, string reason);
}
