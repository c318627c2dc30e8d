namespace Molecule.Docker;

/// <summary>Base of every error the Docker client raises, so callers can catch "anything Docker" in one place.</summary>
public abstract class DockerException : Exception
{
    protected DockerException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
