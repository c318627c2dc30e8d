namespace Molecule.Aws.SecretsManager.Model;

public sealed class ListSecretsRequest
{
    /// <summary>ANDed filters; within one filter the values are ORed prefix matches.</summary>
    public List<Filter>? Filters { get; set; }

    /// <summary>1–100 secrets per page.</summary>
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }

    /// <summary>Also list secrets scheduled for deletion.</summary>
    public bool? IncludePlannedDeletion { get; set; }
}

public sealed class Filter
{
    /// <summary><c>name</c>, <c>description</c>, <c>tag-key</c>, <c>tag-value</c> or <c>all</c>.</summary>
    public string? Key { get; set; }

    public List<string>? Values { get; set; }
}

public sealed class ListSecretsResponse
{
    public List<SecretListEntry>? SecretList { get; set; }

    public string? NextToken { get; set; }
}

public sealed class SecretListEntry
{
    public string? ARN { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? KmsKeyId { get; set; }

    public List<Tag>? Tags { get; set; }

    public DateTime? CreatedDate { get; set; }

    public DateTime? LastChangedDate { get; set; }

    public DateTime? DeletedDate { get; set; }
}
