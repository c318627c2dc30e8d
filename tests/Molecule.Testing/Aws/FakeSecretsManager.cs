using System.Text.Json;
using System.Text.Json.Nodes;

namespace Molecule.Testing.Aws;

/// <summary>
/// Secrets Manager on 127.0.0.1 (protocols.md §4.3): CreateSecret, PutSecretValue, GetSecretValue,
/// DescribeSecret, DeleteSecret, ListSecrets with versions and stages, ClientRequestToken idempotency, the
/// recovery window, and AWS's error codes (<c>ResourceNotFoundException</c>,
/// <c>ResourceExistsException</c>, <c>InvalidRequestException</c>, <c>InvalidParameterException</c>).
/// </summary>
public sealed class FakeSecretsManager : FakeAwsJsonService
{
    private const string Current = "AWSCURRENT";
    private const string Previous = "AWSPREVIOUS";

    private readonly Dictionary<string, StoredSecret> _secrets = new(StringComparer.Ordinal);

    private FakeSecretsManager(SigV4Verifier verifier, TimeProvider time, string region)
        : base("secretsmanager", "secretsmanager", "Message", verifier, time, region)
    {
    }

    public static async Task<FakeSecretsManager> StartAsync(SigV4Verifier verifier, TimeProvider? time = null, string region = "us-east-1")
    {
        var fake = new FakeSecretsManager(verifier, time ?? TimeProvider.System, region);
        await fake.StartAsync();
        return fake;
    }

    /// <summary>The names of the secrets that exist and are not scheduled for deletion.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (Sync)
            {
                return [.. _secrets.Values.Where(s => s.DeletedAt is null).Select(s => s.Name).Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The current value of a live secret, or null when it does not exist (or is scheduled for deletion).</summary>
    public string? CurrentValue(string name)
    {
        lock (Sync)
        {
            return _secrets.TryGetValue(name, out var secret) && secret.DeletedAt is null ? secret.CurrentVersion().Value : null;
        }
    }

    /// <summary>A live secret's tags, or null.</summary>
    public IReadOnlyDictionary<string, string>? TagsOf(string name)
    {
        lock (Sync)
        {
            return _secrets.TryGetValue(name, out var secret) && secret.DeletedAt is null ? new Dictionary<string, string>(secret.Tags) : null;
        }
    }

    /// <summary>Puts a secret in place as if it had been created earlier (for tests that start with a secret).</summary>
    public void Seed(string name, string value, IReadOnlyDictionary<string, string>? tags = null)
    {
        lock (Sync)
        {
            var secret = new StoredSecret(name, Arn(name), Time.GetUtcNow());
            foreach (var (k, v) in tags ?? new Dictionary<string, string>())
            {
                secret.Tags[k] = v;
            }

            secret.AddVersion(Guid.NewGuid().ToString("D"), value, Time.GetUtcNow());
            _secrets[name] = secret;
        }
    }

    protected override JsonObject Handle(string operation, JsonElement input, string requestId) => operation switch
    {
        "CreateSecret" => Create(input),
        "PutSecretValue" => Put(input),
        "GetSecretValue" => Get(input),
        "DescribeSecret" => Describe(input),
        "DeleteSecret" => Delete(input),
        "ListSecrets" => List(input),
        _ => throw Error("UnknownOperationException", $"operation {operation} is not supported by this fake"),
    };

    private JsonObject Create(JsonElement input)
    {
        var name = RequiredString(input, "Name");
        var value = SecretStringOf(input);
        var token = ClientToken(input);
        var now = Time.GetUtcNow();
        if (_secrets.TryGetValue(name, out var existing))
        {
            if (existing.DeletedAt is not null)
            {
                throw Error("InvalidRequestException", $"You can't create this secret because a secret with this name is already scheduled for deletion.");
            }

            // The same request resent (same token, same value) answers what the first one did.
            if (existing.Versions.TryGetValue(token, out var version) && version.Value == value)
            {
                return new JsonObject { ["ARN"] = existing.Arn, ["Name"] = name, ["VersionId"] = token };
            }

            throw Error("ResourceExistsException", $"The operation failed because the secret {name} already exists.");
        }

        var secret = new StoredSecret(name, Arn(name), now)
        {
            Description = OptionalString(input, "Description"),
            KmsKeyId = OptionalString(input, "KmsKeyId"),
        };
        if (input.TryGetProperty("Tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                secret.Tags[RequiredString(tag, "Key")] = OptionalString(tag, "Value") ?? "";
            }
        }

        secret.AddVersion(token, value, now);
        _secrets[name] = secret;
        return new JsonObject { ["ARN"] = secret.Arn, ["Name"] = name, ["VersionId"] = token };
    }

    private JsonObject Put(JsonElement input)
    {
        var secret = Find(RequiredString(input, "SecretId"), allowDeleted: false);
        var value = SecretStringOf(input);
        var token = ClientToken(input);
        if (secret.Versions.TryGetValue(token, out var existing))
        {
            if (existing.Value != value)
            {
                throw Error("ResourceExistsException", $"You can't modify an existing version, you can only create a new version.");
            }
        }
        else
        {
            secret.AddVersion(token, value, Time.GetUtcNow());
        }

        return new JsonObject
        {
            ["ARN"] = secret.Arn, ["Name"] = secret.Name, ["VersionId"] = token,
            ["VersionStages"] = Stages(secret.Versions[token]),
        };
    }

    private JsonObject Get(JsonElement input)
    {
        var secret = Find(RequiredString(input, "SecretId"), allowDeleted: false);
        var versionId = OptionalString(input, "VersionId");
        var stage = OptionalString(input, "VersionStage") ?? (versionId is null ? Current : null);
        var version = versionId is not null
            ? secret.Versions.GetValueOrDefault(versionId)
            : secret.Versions.Values.FirstOrDefault(v => v.Stages.Contains(stage!));
        if (version is null || (stage is not null && !version.Stages.Contains(stage)))
        {
            throw Error("ResourceNotFoundException", $"Secrets Manager can't find the specified secret value for staging label: {stage ?? versionId}");
        }

        return new JsonObject
        {
            ["ARN"] = secret.Arn, ["Name"] = secret.Name, ["VersionId"] = version.Id, ["SecretString"] = version.Value,
            ["VersionStages"] = Stages(version), ["CreatedDate"] = EpochSeconds(version.CreatedAt),
        };
    }

    private JsonObject Describe(JsonElement input)
    {
        var secret = Find(RequiredString(input, "SecretId"), allowDeleted: true);
        var output = new JsonObject
        {
            ["ARN"] = secret.Arn, ["Name"] = secret.Name,
            ["CreatedDate"] = EpochSeconds(secret.CreatedAt), ["LastChangedDate"] = EpochSeconds(secret.LastChangedAt),
            ["VersionIdsToStages"] = new JsonObject(secret.Versions.Values
                .Where(v => v.Stages.Count > 0)
                .Select(v => KeyValuePair.Create(v.Id, (JsonNode?)Stages(v)))),
            ["Tags"] = new JsonArray([.. secret.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]),
        };
        if (secret.Description is not null)
        {
            output["Description"] = secret.Description;
        }

        if (secret.KmsKeyId is not null)
        {
            output["KmsKeyId"] = secret.KmsKeyId;
        }

        if (secret.DeletedAt is { } deleted)
        {
            output["DeletedDate"] = EpochSeconds(deleted);
        }

        return output;
    }

    private JsonObject Delete(JsonElement input)
    {
        var id = RequiredString(input, "SecretId");
        var force = input.TryGetProperty("ForceDeleteWithoutRecovery", out var forceValue) && forceValue.ValueKind == JsonValueKind.True;
        long? window = input.TryGetProperty("RecoveryWindowInDays", out var windowValue) && windowValue.ValueKind == JsonValueKind.Number
            ? windowValue.GetInt64()
            : null;
        if (force && window is not null)
        {
            throw Error("InvalidParameterException", "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }

        if (window is < 7 or > 30)
        {
            throw Error("InvalidParameterException", "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }

        var now = Time.GetUtcNow();
        var secret = Lookup(id);
        if (force)
        {
            // AWS answers a forced delete of a missing secret with success, not ResourceNotFoundException.
            var name = secret?.Name ?? id;
            if (secret is not null)
            {
                _secrets.Remove(secret.Name);
            }

            return new JsonObject { ["ARN"] = secret?.Arn ?? Arn(name), ["Name"] = name, ["DeletionDate"] = EpochSeconds(now) };
        }

        if (secret is null)
        {
            throw NotFound();
        }

        if (secret.DeletedAt is not null)
        {
            throw Error("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.");
        }

        secret.DeletedAt = now;
        return new JsonObject { ["ARN"] = secret.Arn, ["Name"] = secret.Name, ["DeletionDate"] = EpochSeconds(now.AddDays(window ?? 30)) };
    }

    private JsonObject List(JsonElement input)
    {
        var includeDeleted = input.TryGetProperty("IncludePlannedDeletion", out var include) && include.ValueKind == JsonValueKind.True;
        var filters = input.TryGetProperty("Filters", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(x => (Key: RequiredString(x, "Key"),
                Values: x.TryGetProperty("Values", out var v) ? v.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : [])).ToList()
            : [];
        int? maxResults = input.TryGetProperty("MaxResults", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : null;
        if (maxResults is < 1 or > 100)
        {
            throw Error("InvalidParameterException", "MaxResults must be between 1 and 100.");
        }

        var matching = _secrets.Values
            .Where(s => includeDeleted || s.DeletedAt is null)
            .Where(s => filters.All(filter => SecretMatches(s, filter.Key, filter.Values)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var offset = OptionalString(input, "NextToken") is { } token && int.TryParse(token, out var parsed) ? parsed : 0;
        var page = matching.Skip(offset).Take(maxResults ?? 100).ToList();
        var output = new JsonObject
        {
            ["SecretList"] = new JsonArray([.. page.Select(s =>
            {
                var entry = new JsonObject
                {
                    ["ARN"] = s.Arn, ["Name"] = s.Name,
                    ["CreatedDate"] = EpochSeconds(s.CreatedAt), ["LastChangedDate"] = EpochSeconds(s.LastChangedAt),
                    ["Tags"] = new JsonArray([.. s.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]),
                };
                if (s.Description is not null)
                {
                    entry["Description"] = s.Description;
                }

                if (s.DeletedAt is { } deleted)
                {
                    entry["DeletedDate"] = EpochSeconds(deleted);
                }

                return (JsonNode)entry;
            })]),
        };
        if (offset + page.Count < matching.Count)
        {
            output["NextToken"] = (offset + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return output;
    }

    // Secrets Manager filters are prefix matches; a value starting with '!' negates.
    private static bool SecretMatches(StoredSecret secret, string key, List<string> values)
    {
        bool Any(IEnumerable<string> candidates) => values.Any(v => v.StartsWith('!')
            ? candidates.All(c => !c.StartsWith(v[1..], StringComparison.Ordinal))
            : candidates.Any(c => c.StartsWith(v, StringComparison.Ordinal)));

        return key switch
        {
            "name" => Any([secret.Name]),
            "description" => Any([secret.Description ?? ""]),
            "tag-key" => Any(secret.Tags.Keys),
            "tag-value" => Any(secret.Tags.Values),
            "all" => Any([secret.Name, secret.Description ?? "", .. secret.Tags.Keys, .. secret.Tags.Values]),
            _ => throw Error("InvalidParameterException", $"Invalid filter key {key}."),
        };
    }

    private StoredSecret Find(string id, bool allowDeleted)
    {
        var secret = Lookup(id) ?? throw NotFound();
        if (!allowDeleted && secret.DeletedAt is not null)
        {
            throw Error("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.");
        }

        return secret;
    }

    private StoredSecret? Lookup(string id) =>
        _secrets.GetValueOrDefault(id) ?? _secrets.Values.FirstOrDefault(s => s.Arn == id);

    private static FakeAwsException NotFound() => Error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");

    private static string SecretStringOf(JsonElement input) =>
        OptionalString(input, "SecretString")
        ?? throw Error("InvalidParameterException", "You must provide either SecretString or SecretBinary (this fake stores strings only).");

    private static string ClientToken(JsonElement input)
    {
        var token = OptionalString(input, "ClientRequestToken")
            ?? throw Error("InvalidParameterException", "ClientRequestToken is required when calling the API directly (the SDKs fill it in).");
        return token.Length is >= 32 and <= 64
            ? token
            : throw Error("ValidationException", "ClientRequestToken must be between 32 and 64 characters.");
    }

    private static JsonArray Stages(SecretVersion version) => new([.. version.Stages.Select(s => (JsonNode)s)]);

    private string Arn(string name) => $"arn:aws:secretsmanager:{Region}:{AccountId}:secret:{name}-{Suffix(name)}";

    // AWS appends six random characters; a stable one per name keeps ARNs predictable in tests.
    private static string Suffix(string name) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..6];

    private sealed class StoredSecret(string name, string arn, DateTimeOffset createdAt)
    {
        public string Name { get; } = name;

        public string Arn { get; } = arn;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset LastChangedAt { get; private set; } = createdAt;

        public DateTimeOffset? DeletedAt { get; set; }

        public string? Description { get; init; }

        public string? KmsKeyId { get; init; }

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, SecretVersion> Versions { get; } = new(StringComparer.Ordinal);

        public SecretVersion CurrentVersion() => Versions.Values.First(v => v.Stages.Contains(Current));

        public void AddVersion(string id, string value, DateTimeOffset at)
        {
            foreach (var old in Versions.Values)
            {
                old.Stages.Remove(Previous);
                if (old.Stages.Remove(Current))
                {
                    old.Stages.Add(Previous);
                }
            }

            Versions[id] = new SecretVersion(id, value, at) { Stages = { Current } };
            LastChangedAt = at;
        }
    }

    private sealed record SecretVersion(string Id, string Value, DateTimeOffset CreatedAt)
    {
        public HashSet<string> Stages { get; } = new(StringComparer.Ordinal);
    }
}
