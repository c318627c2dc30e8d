using System.Net;

namespace Molecule.Docker;

/// <summary>
/// The engine answered with an error status (or reported an error inside a progress stream).
/// <see cref="EngineMessage"/> is the engine's own <c>message</c> text, e.g. <c>No such container: ws-1</c>.
/// </summary>
public class DockerApiException : DockerException
{
    public DockerApiException(HttpStatusCode statusCode, string engineMessage)
        : base($"Docker engine error {(int)statusCode}: {engineMessage}")
    {
        StatusCode = statusCode;
        EngineMessage = engineMessage;
    }

    /// <summary>The HTTP status the engine answered with. Errors found inside a 200 stream report 500.</summary>
    public HttpStatusCode StatusCode { get; }

    public string EngineMessage { get; }
}
