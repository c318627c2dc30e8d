using System.Security.Cryptography;
using System.Text;

namespace Molecule.Ssh;

/// <summary>
/// Writes OpenSSH's private key file format (PROTOCOL.key in openssh-portable), unencrypted:
/// <c>"openssh-key-v1\0"</c>, cipher and kdf <c>none</c>, one public key, and a private section
/// holding two equal check words, the key, its comment and 1, 2, 3… padding to 8 bytes.
/// </summary>
internal static class OpenSshPrivateKeyFormat
{
    private const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string End = "-----END OPENSSH PRIVATE KEY-----";
    private const int BlockSize = 8;
    private const int LineWidth = 70;

    public static string Write(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> secret, string comment)
    {
        var publicBlob = new SshWireWriter().String(SshKeyPair.Algorithm).String(publicKey).ToArray();
        var check = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
        var privateSection = new SshWireWriter()
            .UInt32(check).UInt32(check)
            .String(SshKeyPair.Algorithm).String(publicKey).String(secret).String(comment);
        for (byte pad = 1; privateSection.Length % BlockSize != 0; pad++)
        {
            privateSection.Raw([pad]);
        }

        var privateBytes = privateSection.ToArray();
        var file = new SshWireWriter()
            .Raw("openssh-key-v1\0"u8)
            .String("none").String("none").String(ReadOnlySpan<byte>.Empty)
            .UInt32(1)
            .String(publicBlob)
            .String(privateBytes)
            .ToArray();
        CryptographicOperations.ZeroMemory(privateBytes);

        var base64 = Convert.ToBase64String(file);
        CryptographicOperations.ZeroMemory(file);
        var text = new StringBuilder(Begin).Append('\n');
        for (var i = 0; i < base64.Length; i += LineWidth)
        {
            text.Append(base64, i, Math.Min(LineWidth, base64.Length - i)).Append('\n');
        }

        return text.Append(End).Append('\n').ToString();
    }
}
