namespace Molecule.Aws.InstanceConnect.Model;

public sealed class SendSSHPublicKeyRequest
{
    public string? InstanceId { get; set; }

    public string? InstanceOSUser { get; set; }

    /// <summary>The OpenSSH one-line public key, e.g. <c>ssh-ed25519 AAAA…</c> (80–4096 characters).</summary>
    public string? SSHPublicKey { get; set; }

    public string? AvailabilityZone { get; set; }
}

public sealed class SendSSHPublicKeyResponse
{
    public string? RequestId { get; set; }

    public bool? Success { get; set; }
}
