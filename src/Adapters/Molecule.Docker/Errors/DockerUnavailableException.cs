namespace Molecule.Docker;

/// <summary>
/// The engine could not be reached: the socket is missing, refuses connections, is not ours to
/// open, or the daemon did not answer in time. The message always names the endpoint tried.
/// </summary>
public sealed class DockerUnavailableException : DockerException
{
    public DockerUnavailableException(string endpoint, string reason, Exception? innerException = null)
        : base($"Docker engine at {endpoint} is unavailable: {reason}", innerException)
    {
        Endpoint = endpoint;
    }

    /// <summary>The DOCKER_HOST that was tried, e.g. <c>unix:///var/run/docker.sock</c>.</summary>
    public string Endpoint { get; }
}
