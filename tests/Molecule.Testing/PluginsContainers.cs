using Molecule.Docker;
using Molecule.Docker.Workspaces;

namespace Molecule.Testing;

/// <summary>Workspace containers for the plugin tests, on the private dockerd.</summary>
public static class PluginsContainers
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="argv"/> as root in the container and returns its stdout (throws on a non-zero exit).</summary>
    public static async Task<string> ExecAsync(this DockerEngineFixture docker, string container, params string[] argv)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var result = await docker.Engine.RunExecAsync(container, new DockerExecSpec { Cmd = argv, User = "0" }, cancellationToken: deadline.Token);
        return result.ExitCode == 0
            ? result.StdoutText
            : throw new InvalidOperationException($"{string.Join(' ', argv)} exited with {result.ExitCode}: {result.StderrText}");
    }

    /// <summary>Whether <paramref name="path"/> exists in the container.</summary>
    public static async Task<bool> ExistsAsync(this DockerEngineFixture docker, string container, string path)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var result = await docker.Engine.RunExecAsync(container, new DockerExecSpec { Cmd = ["test", "-e", path] }, cancellationToken: deadline.Token);
        return result.ExitCode == 0;
    }
}
