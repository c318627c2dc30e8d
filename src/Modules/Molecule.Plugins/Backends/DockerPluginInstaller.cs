using System.Text;
using Microsoft.Extensions.Logging;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Molecule.Kernel.Workspaces;
using Molecule.Plugins.Http;
using Molecule.Plugins.Manifest;
using Molecule.Plugins.Naming;
using Molecule.Plugins.Packing;
using Molecule.Plugins.Staging;

namespace Molecule.Plugins.Backends;

/// <summary>
/// Plugins in a workspace's running Docker container, under <c>/configs/plugins</c>. Files move through
/// the archive API; the few commands run as root with an argv array, never through a shell.
/// </summary>
internal sealed class DockerPluginInstaller(IDockerEngine engine, ILogger<DockerPluginInstaller> logger) : IPluginInstaller
{
    private const string PluginsRoot = "/configs/plugins";
    private const string SkillsRoot = "/configs/skills";
    private const string AgentOwner = "1000:1000";
    private const int MaxPluginYamlBytes = 1024 * 1024;
    private const int MaxClaudeMdBytes = 5 * 1024 * 1024;

    public async Task<InstalledPlugins> ListInstalledAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        try
        {
            if (await RunningContainerAsync(workspace.Id, cancellationToken) is not { } container)
            {
                return new InstalledPlugins(PluginOperation.Done, []);
            }

            try
            {
                await engine.StatPathAsync(container, PluginsRoot, cancellationToken);
            }
            catch (DockerNotFoundException)
            {
                return new InstalledPlugins(PluginOperation.Done, []);
            }

            var listing = await engine.RunExecAsync(
                container,
                new DockerExecSpec { Cmd = ["find", PluginsRoot, "-mindepth", "1", "-maxdepth", "1", "-type", "d"] },
                cancellationToken: cancellationToken);
            if (listing.ExitCode != 0)
            {
                logger.DockerExecFailed("list plugins", workspace.Id, listing.ExitCode, listing.StderrText);
                return new InstalledPlugins(PluginOperation.Failed, []);
            }

            var names = listing.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(path => path[(path.LastIndexOf('/') + 1)..])
                .Where(PluginNames.IsValid)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            var plugins = new List<PluginInfo>();
            foreach (var name in names)
            {
                plugins.Add(await ReadPluginAsync(container, name, cancellationToken));
            }

            return new InstalledPlugins(PluginOperation.Done, plugins);
        }
        catch (DockerUnavailableException exception)
        {
            // Without an engine nothing runs, as when the container is stopped.
            logger.DockerStepFailed(exception, "list plugins", workspace.Id);
            return new InstalledPlugins(PluginOperation.Done, []);
        }
        catch (DockerException exception)
        {
            logger.DockerStepFailed(exception, "list plugins", workspace.Id);
            return new InstalledPlugins(PluginOperation.Failed, []);
        }
    }

    public async Task<PluginOperation> InstallAsync(WorkspaceRef workspace, StagedPlugin plugin, CancellationToken cancellationToken)
    {
        try
        {
            if (await RunningContainerAsync(workspace.Id, cancellationToken) is not { } container)
            {
                return PluginOperation.NotRunning;
            }

            // A reinstall replaces the plugin: files the new version dropped must not linger.
            var directory = $"{PluginsRoot}/{plugin.Name}";
            if (!await RunAsRootAsync(container, workspace.Id, "remove previous plugin", ["rm", "-rf", directory], cancellationToken))
            {
                return PluginOperation.Failed;
            }

            var tarPath = plugin.ScratchFile("container.tar");
            await using (var tar = new FileStream(tarPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
            {
                await PluginArchives.WriteContainerTarAsync(plugin, tar, cancellationToken);
                tar.Position = 0;
                await engine.PutArchiveAsync(container, "/configs", tar, cancellationToken);
            }

            // The agent runs as uid 1000 and must own its plugins; a failure here is logged, not fatal.
            await RunAsRootAsync(container, workspace.Id, "chown plugin", ["chown", "-R", AgentOwner, directory], cancellationToken);
            return PluginOperation.Done;
        }
        catch (DockerUnavailableException exception)
        {
            logger.DockerStepFailed(exception, "install plugin", workspace.Id);
            return PluginOperation.NotRunning;
        }
        catch (DockerException exception)
        {
            logger.DockerStepFailed(exception, "install plugin", workspace.Id);
            return PluginOperation.Failed;
        }
    }

    public async Task<PluginOperation> UninstallAsync(WorkspaceRef workspace, string name, CancellationToken cancellationToken)
    {
        try
        {
            if (await RunningContainerAsync(workspace.Id, cancellationToken) is not { } container)
            {
                return PluginOperation.NotRunning;
            }

            var directory = $"{PluginsRoot}/{name}";
            var skills = (await ReadPluginAsync(container, name, cancellationToken)).Skills ?? [];
            await RemoveClaudeMdSectionsAsync(container, name, cancellationToken);
            string[] remove = ["rm", "-rf", .. skills.Where(PluginNames.IsValid).Select(skill => $"{SkillsRoot}/{skill}"), directory];
            return await RunAsRootAsync(container, workspace.Id, "remove plugin", remove, cancellationToken)
                ? PluginOperation.Done
                : PluginOperation.Failed;
        }
        catch (DockerUnavailableException exception)
        {
            logger.DockerStepFailed(exception, "uninstall plugin", workspace.Id);
            return PluginOperation.NotRunning;
        }
        catch (DockerException exception)
        {
            logger.DockerStepFailed(exception, "uninstall plugin", workspace.Id);
            return PluginOperation.Failed;
        }
    }

    /// <summary>The first of the workspace's container names that is running; null when none is.</summary>
    private async Task<string?> RunningContainerAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        foreach (var name in WorkspaceContainers.ContainerNameCandidates(workspaceId))
        {
            try
            {
                if ((await engine.InspectContainerAsync(name, cancellationToken)).State.IsRunning)
                {
                    return name;
                }
            }
            catch (DockerNotFoundException)
            {
                // Try the next name.
            }
        }

        return null;
    }

    private async Task<PluginInfo> ReadPluginAsync(string container, string name, CancellationToken cancellationToken)
    {
        var yaml = await ContainerFiles.ReadAsync(
            engine, container, $"{PluginsRoot}/{name}/{PluginManifestReader.FileName}", MaxPluginYamlBytes, cancellationToken);
        return PluginManifestReader.Read(name, yaml is null ? null : Encoding.UTF8.GetString(yaml.Content));
    }

    private async Task RemoveClaudeMdSectionsAsync(string container, string name, CancellationToken cancellationToken)
    {
        if (await ContainerFiles.ReadAsync(engine, container, ClaudeMdBlocks.Path, MaxClaudeMdBytes, cancellationToken) is not { } file)
        {
            return;
        }

        var text = Encoding.UTF8.GetString(file.Content);
        var filtered = ClaudeMdBlocks.Remove(text, name);
        if (filtered != text)
        {
            await ContainerFiles.WriteAsync(engine, container, ClaudeMdBlocks.Path, Encoding.UTF8.GetBytes(filtered), file, cancellationToken);
        }
    }

    private async Task<bool> RunAsRootAsync(
        string container, Guid workspaceId, string step, IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var result = await engine.RunExecAsync(container, new DockerExecSpec { Cmd = argv, User = "0" }, cancellationToken: cancellationToken);
        if (result.ExitCode == 0)
        {
            return true;
        }

        logger.DockerExecFailed(step, workspaceId, result.ExitCode, result.StderrText);
        return false;
    }
}
