using System.Globalization;
using Molecule.Ssh;

namespace Molecule.Testing;

/// <summary>
/// The throwaway sshd scripts/test.sh starts (scripts/services.sh sshd): it plays an EC2 instance on
/// 127.0.0.1. Which keys it accepts is decided at runtime by files under <see cref="Directory"/>:
/// <see cref="AuthorizeKey"/> writes <c>authorized_keys.d/EXPIRY.ID.pub</c>, which sshd's
/// AuthorizedKeysCommand offers only while the machine clock is before EXPIRY (how Instance Connect
/// honours a pushed key for 60 s); deleting the file revokes it at once.
/// </summary>
public sealed class SshdServer
{
    public const string PortVariable = "MOLECULE_TEST_SSHD_PORT";
    public const string DirectoryVariable = "MOLECULE_TEST_SSHD_DIR";
    public const string UserVariable = "MOLECULE_TEST_SSHD_USER";
    public const string ErrorVariable = "MOLECULE_TEST_SSHD_ERROR";

    private SshdServer(int port, string directory, string user)
    {
        Port = port;
        Directory = directory;
        User = user;
    }

    /// <summary>The running sshd, or null with <see cref="UnavailableReason"/> saying why.</summary>
    public static SshdServer? Current { get; } = FromEnvironment();

    public static string UnavailableReason =>
        Environment.GetEnvironmentVariable(ErrorVariable) is { Length: > 0 } error
            ? error
            : $"{PortVariable} is not set: run the tests through scripts/test.sh, which starts a throwaway sshd";

    public static SshdServer Require() => Current ?? throw new InvalidOperationException(UnavailableReason);

    public int Port { get; }

    public string Directory { get; }

    /// <summary>The user sshd lets in (the user that started it: root in CI).</summary>
    public string User { get; }

    public SshEndpoint Endpoint => new("127.0.0.1", Port);

    /// <summary>The host key's public half, for comparing fingerprints.</summary>
    public string HostPublicKeyPath => Path.Combine(Directory, "host_ed25519.pub");

    /// <summary>
    /// Lets <paramref name="publicKeyLine"/> log in until <paramref name="expiresAt"/> (default: in 10
    /// minutes) by the machine's real clock. Dispose the result to revoke it.
    /// </summary>
    public IDisposable AuthorizeKey(string publicKeyLine, DateTimeOffset? expiresAt = null)
    {
        var expiry = (expiresAt ?? DateTimeOffset.UtcNow.AddMinutes(10)).ToUnixTimeSeconds();
        var file = Path.Combine(Directory, "authorized_keys.d",
            $"{expiry.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.pub");
        File.WriteAllText(file, publicKeyLine + "\n");
        return new Revocation(file);
    }

    /// <summary>A transport that authorizes each new key on this sshd (like SendSSHPublicKey) and counts how often it ran.</summary>
    public CountingTransport Transport(DateTimeOffset? keyExpiresAt = null) =>
        new(Endpoint, User, key => AuthorizeKey(key.PublicKeyLine, keyExpiresAt));

    private static SshdServer? FromEnvironment()
    {
        var port = Environment.GetEnvironmentVariable(PortVariable);
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        var user = Environment.GetEnvironmentVariable(UserVariable);
        if (string.IsNullOrEmpty(port) || string.IsNullOrEmpty(directory) || string.IsNullOrEmpty(user)
            || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return new SshdServer(number, directory, user);
    }

    private sealed class Revocation(string file) : IDisposable
    {
        public void Dispose() => File.Delete(file);
    }
}
