using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Molecule.Ssh;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace Molecule.Tests.Ssh;

/// <summary>The in-process ed25519 keys: the authorized_keys line Instance Connect takes, the fingerprint, and a private half that signs.</summary>
public sealed class SshKeyPairTests
{
    [Fact]
    public void The_public_key_line_is_algorithm_base64_blob_and_comment()
    {
        using var key = SshKeyPair.Generate("ws-123");

        var parts = key.PublicKeyLine.Split(' ');

        parts.Length.ShouldBe(3);
        parts[0].ShouldBe("ssh-ed25519");
        parts[2].ShouldBe("ws-123");
        var blob = Convert.FromBase64String(parts[1]);
        blob.ShouldBe(key.PublicKeyBlob);
        ReadString(blob, 0, out var next).ShouldBe("ssh-ed25519"u8.ToArray());
        var raw = ReadString(blob, next, out var end);
        raw.ShouldBe(key.PublicKey.ToArray());
        raw.Length.ShouldBe(32);
        end.ShouldBe(blob.Length);
    }

    [Fact]
    public void The_line_fits_instance_connects_length_limits()
    {
        using var key = SshKeyPair.Generate();

        key.PublicKeyLine.Length.ShouldBeInRange(80, 4096);
    }

    [Fact]
    public void An_empty_comment_leaves_two_fields()
    {
        using var key = SshKeyPair.Generate("");

        key.PublicKeyLine.Split(' ').Length.ShouldBe(2);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("new\nline")]
    [InlineData("tab\t")]
    public void A_comment_with_whitespace_would_break_the_line_and_is_refused(string comment) =>
        Should.Throw<ArgumentException>(() => SshKeyPair.Generate(comment));

    [Fact]
    public void The_fingerprint_is_sha256_of_the_blob_in_unpadded_base64_like_ssh_keygen()
    {
        using var key = SshKeyPair.Generate();

        key.Fingerprint.ShouldBe("SHA256:" + Convert.ToBase64String(SHA256.HashData(key.PublicKeyBlob)).TrimEnd('='));
        key.Fingerprint.Length.ShouldBe("SHA256:".Length + 43);
    }

    [Fact]
    public void Every_key_is_new()
    {
        using var first = SshKeyPair.Generate();
        using var second = SshKeyPair.Generate();

        first.PublicKeyLine.ShouldNotBe(second.PublicKeyLine);
    }

    [Fact]
    public void The_private_half_ssh_net_authenticates_with_signs_for_the_advertised_public_key()
    {
        using var key = SshKeyPair.Generate();
        using var source = key.CreatePrivateKeySource();
        var message = Encoding.UTF8.GetBytes("session id and userauth request");

        // SSH.NET signs as it does in a userauth request: string "ssh-ed25519", string signature.
        var signatureBlob = source.HostKeyAlgorithms.First().Sign(message);
        ReadString(signatureBlob, 0, out var next).ShouldBe("ssh-ed25519"u8.ToArray());
        var signature = ReadString(signatureBlob, next, out _);

        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(key.PublicKey.ToArray()));
        verifier.BlockUpdate(message, 0, message.Length);
        verifier.VerifySignature(signature).ShouldBeTrue();
    }

    [Fact]
    public void The_exported_openssh_private_key_reads_back_as_the_same_key()
    {
        using var key = SshKeyPair.Generate("ws-9");
        var exported = key.ExportOpenSshPrivateKey();

        using var parsed = new PrivateKeyFile(new MemoryStream(Encoding.ASCII.GetBytes(exported)));

        exported.ShouldStartWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        exported.ShouldEndWith("-----END OPENSSH PRIVATE KEY-----\n");
        ((ED25519Key)parsed.Key).PublicKey.ShouldBe(key.PublicKey.ToArray());
    }

    [Fact]
    public void A_disposed_key_no_longer_hands_out_its_private_half()
    {
        var key = SshKeyPair.Generate();
        key.Dispose();

        Should.Throw<ObjectDisposedException>(() => key.CreatePrivateKeySource());
        Should.Throw<ObjectDisposedException>(() => key.ExportOpenSshPrivateKey());
    }

    private static byte[] ReadString(byte[] data, int offset, out int next)
    {
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset, 4));
        next = offset + 4 + length;
        return data[(offset + 4)..next];
    }
}
