using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Molecule.Testing.Aws;

/// <summary>One key pushed with SendSSHPublicKey.</summary>
public sealed record PushedSshKey(string InstanceId, string OsUser, string PublicKey, string? AvailabilityZone, DateTimeOffset ExpiresAt);

/// <summary>
/// EC2 Instance Connect on 127.0.0.1 (protocols.md §4.2): SendSSHPublicKey validates like AWS
/// (instance id pattern, OS user, key length and type), checks the instance with the linked
/// <see cref="FakeEc2"/> when there is one, and keeps each pushed key for <see cref="KeyLifetime"/>
/// (60 s) on the injected clock. <see cref="AuthorizedKeys"/> is what the "instance" accepts now —
/// the tunnel fixture writes it into sshd's authorized_keys.
/// </summary>
public sealed partial class FakeInstanceConnect : FakeAwsJsonService
{
    private readonly List<PushedSshKey> _pushed = [];
    private readonly FakeEc2? _ec2;

    private FakeInstanceConnect(SigV4Verifier verifier, TimeProvider time, string region, FakeEc2? ec2)
        : base("ec2-instance-connect", "AWSEC2InstanceConnectService", "Message", verifier, time, region)
    {
        _ec2 = ec2;
    }

    /// <summary>How long a pushed key is accepted (AWS: 60 seconds).</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>When true every SendSSHPublicKey is refused as an IAM denial (<c>AccessDeniedException</c>).</summary>
    public bool DenyAccess { get; set; }

    /// <summary>Raised after a key is accepted (on the request's thread); the tunnel fixture refreshes authorized_keys here.</summary>
    public event Action<PushedSshKey>? KeyPushed;

    /// <summary>Every accepted push, expired ones included, in order.</summary>
    public IReadOnlyList<PushedSshKey> PushedKeys
    {
        get
        {
            lock (Sync)
            {
                return [.. _pushed];
            }
        }
    }

    /// <summary>Starts the fake; with <paramref name="ec2"/> a push for an unknown or non-running instance is refused as AWS does.</summary>
    public static async Task<FakeInstanceConnect> StartAsync(SigV4Verifier verifier, TimeProvider? time = null, string region = "us-east-1", FakeEc2? ec2 = null)
    {
        var fake = new FakeInstanceConnect(verifier, time ?? TimeProvider.System, region, ec2);
        await fake.StartAsync();
        return fake;
    }

    /// <summary>The public keys <paramref name="osUser"/> on <paramref name="instanceId"/> accepts at this moment.</summary>
    public IReadOnlyList<string> AuthorizedKeys(string instanceId, string osUser)
    {
        lock (Sync)
        {
            var now = Time.GetUtcNow();
            return [.. _pushed.Where(k => k.InstanceId == instanceId && k.OsUser == osUser && k.ExpiresAt > now).Select(k => k.PublicKey).Distinct()];
        }
    }

    /// <summary><see cref="AuthorizedKeys"/> as the content of an authorized_keys file (one key per line).</summary>
    public string AuthorizedKeysFile(string instanceId, string osUser) =>
        string.Concat(AuthorizedKeys(instanceId, osUser).Select(k => k + "\n"));

    protected override JsonObject Handle(string operation, JsonElement input, string requestId)
    {
        if (operation != "SendSSHPublicKey")
        {
            throw Error("UnknownOperationException", $"operation {operation} is not supported by this fake");
        }

        if (DenyAccess)
        {
            throw Error("AccessDeniedException",
                "User is not authorized to perform: ec2-instance-connect:SendSSHPublicKey on resource because no identity-based policy allows the action");
        }

        var instanceId = RequiredString(input, "InstanceId");
        var osUser = RequiredString(input, "InstanceOSUser");
        var publicKey = RequiredString(input, "SSHPublicKey");
        if (!InstanceIdPattern().IsMatch(instanceId) || instanceId.Length is < 10 or > 32)
        {
            throw Error("InvalidArgsException", $"Invalid instance ID: {instanceId}");
        }

        if (!OsUserPattern().IsMatch(osUser))
        {
            throw Error("InvalidArgsException", $"Invalid OS user: {osUser}");
        }

        if (publicKey.Length is < 80 or > 4096 || !KeyPattern().IsMatch(publicKey))
        {
            throw Error("InvalidArgsException", "The SSH public key must be an OpenSSH ssh-ed25519, ssh-rsa or ecdsa key of 80 to 4096 characters.");
        }

        if (_ec2 is not null)
        {
            var state = _ec2.StateOf(instanceId);
            if (state is null)
            {
                throw Error("EC2InstanceNotFoundException", $"Instance {instanceId} not found");
            }

            if (state != "running")
            {
                throw Error("EC2InstanceStateInvalidException", $"Instance {instanceId} is {state}; it must be running");
            }
        }

        var pushed = new PushedSshKey(instanceId, osUser, publicKey.Trim(), OptionalString(input, "AvailabilityZone"), Time.GetUtcNow() + KeyLifetime);
        _pushed.Add(pushed);
        KeyPushed?.Invoke(pushed);
        return new JsonObject { ["RequestId"] = requestId, ["Success"] = true };
    }

    [GeneratedRegex("^i-[a-f0-9]+$")]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9@._-]{0,30}[A-Za-z0-9$_-]?$")]
    private static partial Regex OsUserPattern();

    [GeneratedRegex(@"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+=*( \S.*)?$")]
    private static partial Regex KeyPattern();
}
