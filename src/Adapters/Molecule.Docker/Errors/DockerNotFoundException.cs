using System.Net;

namespace Molecule.Docker;

/// <summary>404: no such container, image, volume, exec instance or path.</summary>
public sealed class DockerNotFoundException(string engineMessage)
    : DockerApiException(HttpStatusCode.NotFound, engineMessage);
