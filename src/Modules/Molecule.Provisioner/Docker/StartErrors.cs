using System.Globalization;
using System.Text.RegularExpressions;
using Molecule.Docker;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// Why a start failed, in words an operator can act on. These texts become the workspace's
/// <c>last_sample_error</c> and the PROVISION_FAILED event: they name images, networks and sockets,
/// never environment values.
/// </summary>
internal static partial class StartErrors
{
    public static string EngineUnavailable(string detail) =>
        $"{detail} — workspace containers need a running Docker daemon: start it or point DOCKER_HOST at its socket";

    public static string EngineSilent(string endpoint, TimeSpan timeout) =>
        EngineUnavailable(string.Create(CultureInfo.InvariantCulture, $"Docker engine at {endpoint} did not answer within {timeout.TotalSeconds:0} s"));

    public static string ImageMissing(string image, string runtime, string engineMessage) =>
        $"docker image \"{image}\" not found after pull attempt — pull or build it on the Docker host (docker pull {image}), " +
        $"or map runtime {runtime} to an image the host has with MOLECULE_RUNTIME_IMAGES={runtime}=<image> (underlying error: {engineMessage})";

    public static string NetworkMissing(string network, string engineMessage) =>
        $"Docker network \"{network}\" does not exist — create it (docker network create {network}) or set DOCKER_NETWORK " +
        $"(host shares the host's network) (underlying error: {engineMessage})";

    public static string Create(string engineMessage) => $"failed to create container: {engineMessage}";

    public static string Start(string engineMessage, TierLimits tier) =>
        tier.Privileged && engineMessage.Contains("operation not permitted", StringComparison.OrdinalIgnoreCase)
            ? $"failed to start container: {engineMessage} — tiers 3 and 4 run privileged, which this Docker host does not allow; use tier 2"
            : $"failed to start container: {engineMessage}";

    public static string Volume(string volume, string engineMessage) => $"failed to create volume {volume}: {engineMessage}";

    public static bool IsMissingImage(DockerApiException exception) =>
        exception.EngineMessage.Contains("No such image", StringComparison.OrdinalIgnoreCase)
        || (exception.EngineMessage.Contains("not found", StringComparison.OrdinalIgnoreCase)
            && exception.EngineMessage.Contains("image", StringComparison.OrdinalIgnoreCase));

    public static bool IsMissingNetwork(DockerApiException exception, string network) =>
        exception.EngineMessage.Contains($"network {network} not found", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The engine refuses a CPU cap above the host's CPUs ("Range of CPUs is from 0.01 to 2.00, as
    /// there are only 2 CPUs available"): the highest cap it accepts, in billionths of a CPU.
    /// </summary>
    public static long? MaxNanoCpus(DockerApiException exception)
    {
        var match = CpuRange().Match(exception.EngineMessage);
        return match.Success && decimal.TryParse(match.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var cpus) && cpus > 0
            ? (long)(cpus * 1_000_000_000m)
            : null;
    }

    [GeneratedRegex(@"Range of CPUs is from [0-9.]+ to ([0-9.]+)")]
    private static partial Regex CpuRange();
}
