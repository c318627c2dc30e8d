using System.Net;

namespace Molecule.Docker;

/// <summary>409: a name already in use, a container that is not running (kill, exec), a volume in use, …</summary>
public sealed class DockerConflictException(string engineMessage)
    : DockerApiException(HttpStatusCode.Conflict, engineMessage);
