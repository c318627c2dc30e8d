using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Molecule.Testing.Aws;

/// <summary>
/// KMS on 127.0.0.1 (protocols.md §4.4): GenerateDataKey, Encrypt and Decrypt for symmetric keys.
/// A ciphertext blob is sealed with the key's own material and binds the encryption context, so a
/// Decrypt with any other context (or a tampered blob) fails with <c>InvalidCiphertextException</c>
/// like the real service; a blob of another key given with an explicit KeyId is <c>IncorrectKeyException</c>.
/// </summary>
public sealed class FakeKms : FakeAwsJsonService
{
    private static readonly byte[] Magic = "FKMS"u8.ToArray();
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private int _dataKeysGenerated;

    private FakeKms(SigV4Verifier verifier, TimeProvider time, string region)
        : base("kms", "TrentService", "message", verifier, time, region)
    {
        DefaultKeyArn = CreateKey();
    }

    /// <summary>A key created at start, ready for <c>KMS_KEY_ARN</c>.</summary>
    public string DefaultKeyArn { get; }

    /// <summary>How many data keys GenerateDataKey handed out.</summary>
    public int DataKeysGenerated
    {
        get
        {
            lock (Sync)
            {
                return _dataKeysGenerated;
            }
        }
    }

    public static async Task<FakeKms> StartAsync(SigV4Verifier verifier, TimeProvider? time = null, string region = "us-east-1")
    {
        var fake = new FakeKms(verifier, time ?? TimeProvider.System, region);
        await fake.StartAsync();
        return fake;
    }

    /// <summary>Creates a symmetric key (optionally reachable as <c>alias/&lt;alias&gt;</c>) and returns its ARN.</summary>
    public string CreateKey(string? alias = null)
    {
        lock (Sync)
        {
            var keyId = Guid.NewGuid().ToString("D");
            _keys[keyId] = RandomNumberGenerator.GetBytes(32);
            if (alias is not null)
            {
                _aliases[alias.StartsWith("alias/", StringComparison.Ordinal) ? alias : "alias/" + alias] = keyId;
            }

            return KeyArn(keyId);
        }
    }

    protected override JsonObject Handle(string operation, JsonElement input, string requestId) => operation switch
    {
        "GenerateDataKey" => GenerateDataKey(input),
        "Encrypt" => Encrypt(input),
        "Decrypt" => Decrypt(input),
        _ => throw Error("UnsupportedOperationException", $"operation {operation} is not supported by this fake"),
    };

    private JsonObject GenerateDataKey(JsonElement input)
    {
        var keyId = ResolveKey(RequiredString(input, "KeyId"));
        var keySpec = OptionalString(input, "KeySpec");
        int? numberOfBytes = input.TryGetProperty("NumberOfBytes", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : null;
        var size = (keySpec, numberOfBytes) switch
        {
            ("AES_256", null) => 32,
            ("AES_128", null) => 16,
            (null, { } bytes and >= 1 and <= 1024) => bytes,
            (null, null) => throw Error("ValidationException", "Please specify either number of bytes or key spec."),
            _ => throw Error("ValidationException", $"Value '{keySpec}' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128], and NumberOfBytes must not be given with it."),
        };

        var plaintext = RandomNumberGenerator.GetBytes(size);
        _dataKeysGenerated++;
        return new JsonObject
        {
            ["CiphertextBlob"] = Convert.ToBase64String(Seal(keyId, plaintext, Context(input))),
            ["Plaintext"] = Convert.ToBase64String(plaintext),
            ["KeyId"] = KeyArn(keyId),
        };
    }

    private JsonObject Encrypt(JsonElement input)
    {
        var keyId = ResolveKey(RequiredString(input, "KeyId"));
        var plaintext = Convert.FromBase64String(RequiredString(input, "Plaintext"));
        if (plaintext.Length is < 1 or > 4096)
        {
            throw Error("ValidationException", "Plaintext must be between 1 and 4096 bytes.");
        }

        return new JsonObject
        {
            ["CiphertextBlob"] = Convert.ToBase64String(Seal(keyId, plaintext, Context(input))),
            ["KeyId"] = KeyArn(keyId),
            ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
        };
    }

    private JsonObject Decrypt(JsonElement input)
    {
        var blob = Convert.FromBase64String(RequiredString(input, "CiphertextBlob"));
        if (!TryOpen(blob, Context(input), out var keyId, out var plaintext))
        {
            throw Error("InvalidCiphertextException", "");
        }

        if (OptionalString(input, "KeyId") is { } requested && ResolveKey(requested) != keyId)
        {
            throw Error("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.");
        }

        return new JsonObject
        {
            ["KeyId"] = KeyArn(keyId),
            ["Plaintext"] = Convert.ToBase64String(plaintext),
            ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
        };
    }

    // blob = "FKMS" | len(keyId) | keyId | nonce | tag | ciphertext; the context and key id are the AAD.
    private byte[] Seal(string keyId, byte[] plaintext, string context)
    {
        var id = Encoding.ASCII.GetBytes(keyId);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var tag = new byte[TagSize];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(_keys[keyId], TagSize))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(keyId, context));
        }

        return [.. Magic, (byte)id.Length, .. id, .. nonce, .. tag, .. ciphertext];
    }

    private bool TryOpen(byte[] blob, string context, out string keyId, out byte[] plaintext)
    {
        keyId = "";
        plaintext = [];
        var header = Magic.Length + 1;
        if (blob.Length < header || !blob.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return false;
        }

        var idLength = blob[Magic.Length];
        if (blob.Length < header + idLength + NonceSize + TagSize)
        {
            return false;
        }

        keyId = Encoding.ASCII.GetString(blob, header, idLength);
        if (!_keys.TryGetValue(keyId, out var material))
        {
            return false;
        }

        var rest = blob.AsSpan(header + idLength);
        plaintext = new byte[rest.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(material, TagSize);
            aes.Decrypt(rest[..NonceSize], rest[(NonceSize + TagSize)..], rest.Slice(NonceSize, TagSize), plaintext, AssociatedData(keyId, context));
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private static byte[] AssociatedData(string keyId, string context) => Encoding.UTF8.GetBytes(keyId + "\n" + context);

    /// <summary>The encryption context in one canonical text: sorted pairs, exact and case-sensitive as KMS compares them.</summary>
    private static string Context(JsonElement input)
    {
        if (!input.TryGetProperty("EncryptionContext", out var context) || context.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        return string.Join("\n", context.EnumerateObject()
            .Select(p => (p.Name, Value: p.Value.GetString() ?? ""))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name.Length}:{p.Name}={p.Value.Length}:{p.Value}"));
    }

    private string ResolveKey(string keyId)
    {
        // arn:aws:kms:<region>:<account>:key/<id> or …:alias/<name>; the resource is after the fifth colon.
        var parts = keyId.Split(':', 6);
        var bare = parts.Length == 6 && parts[0] == "arn" ? parts[5] : keyId;
        if (bare.StartsWith("key/", StringComparison.Ordinal))
        {
            bare = bare[4..];
        }

        if (bare.StartsWith("alias/", StringComparison.Ordinal))
        {
            bare = _aliases.GetValueOrDefault(bare) ?? "";
        }

        return _keys.ContainsKey(bare) ? bare : throw Error("NotFoundException", $"Key '{keyId}' does not exist");
    }

    private string KeyArn(string keyId) => $"arn:aws:kms:{Region}:{AccountId}:key/{keyId}";
}
