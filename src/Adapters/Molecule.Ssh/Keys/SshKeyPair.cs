using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace Molecule.Ssh;

/// <summary>
/// A throwaway ed25519 key pair made in-process (SSH.NET cannot generate keys; BouncyCastle does).
/// The private half lives only in this object's memory and is zeroed on dispose; nothing is written
/// to disk. <see cref="PublicKeyLine"/> is what EC2 Instance Connect's SendSSHPublicKey takes.
/// </summary>
public sealed class SshKeyPair : IDisposable
{
    public const string Algorithm = "ssh-ed25519";
    public const string DefaultComment = "molecule-ephemeral";

    // RFC 8032 k || ENC(A): the 32-byte seed followed by the 32-byte public key, the shape
    // SSH.NET's ED25519Key and the OpenSSH private key format both take.
    private readonly byte[] _secret;
    private bool _disposed;

    private SshKeyPair(byte[] seed, byte[] publicKey, string comment)
    {
        _secret = [.. seed, .. publicKey];
        CryptographicOperations.ZeroMemory(seed);
        PublicKey = publicKey;
        Comment = comment;
        PublicKeyBlob = new SshWireWriter().String(Algorithm).String(publicKey).ToArray();
        PublicKeyLine = comment.Length == 0
            ? $"{Algorithm} {Convert.ToBase64String(PublicKeyBlob)}"
            : $"{Algorithm} {Convert.ToBase64String(PublicKeyBlob)} {comment}";
        Fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(PublicKeyBlob)).TrimEnd('=');
    }

    /// <summary>Makes a new key pair. <paramref name="comment"/> ends the public key line; it may not contain whitespace.</summary>
    public static SshKeyPair Generate(string comment = DefaultComment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (comment.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("an SSH key comment may not contain whitespace or control characters", nameof(comment));
        }

        var privateKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        return new SshKeyPair(privateKey.GetEncoded(), privateKey.GeneratePublicKey().GetEncoded(), comment);
    }

    /// <summary>The raw 32-byte ed25519 public key.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>The SSH wire form of the public key (<c>string "ssh-ed25519", string key</c>), what fingerprints hash.</summary>
    public byte[] PublicKeyBlob { get; }

    public string Comment { get; }

    /// <summary>The OpenSSH authorized_keys line, <c>ssh-ed25519 AAAA… comment</c>.</summary>
    public string PublicKeyLine { get; }

    /// <summary>The fingerprint as <c>ssh-keygen -l</c> prints it: <c>SHA256:</c> and unpadded base64.</summary>
    public string Fingerprint { get; }

    /// <summary>An SSH.NET key source for authentication. The caller disposes it; it holds its own copy of the secret.</summary>
    internal PrivateKeyFile CreatePrivateKeySource()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new PrivateKeyFile(new ED25519Key((byte[])_secret.Clone()));
    }

    /// <summary>
    /// The private key in OpenSSH's own file format (unencrypted <c>openssh-key-v1</c>), for a test or a
    /// tool that needs a key file, e.g. to let <c>ssh-keygen</c> check it. Molecule itself never writes it.
    /// </summary>
    public string ExportOpenSshPrivateKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return OpenSshPrivateKeyFormat.Write(PublicKey.Span, _secret, Comment);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CryptographicOperations.ZeroMemory(_secret);
    }
}
