namespace Molecule.Ssh;

/// <summary>Where an sshd answers: for an EC2 workspace, the loopback port of its Instance Connect tunnel.</summary>
public readonly record struct SshEndpoint(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}
