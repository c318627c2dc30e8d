namespace Molecule.Aws;

/// <summary>The AWS services this server calls.</summary>
public enum AwsService
{
    Ec2,
    Kms,
    SecretsManager,
    InstanceConnect,
}

/// <summary>The names each service goes by on the wire (protocols.md §3–§4).</summary>
public static class AwsServiceNames
{
    /// <summary>The SigV4 signing name (the credential scope's service part).</summary>
    public static string SigningName(AwsService service) => service switch
    {
        AwsService.Ec2 => "ec2",
        AwsService.Kms => "kms",
        AwsService.SecretsManager => "secretsmanager",
        AwsService.InstanceConnect => "ec2-instance-connect",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "unknown AWS service"),
    };

    /// <summary>The first label of the regional host name.</summary>
    public static string EndpointPrefix(AwsService service) => SigningName(service);

    /// <summary>The configuration variable that overrides the service's endpoint.</summary>
    public static string EndpointVariable(AwsService service) => service switch
    {
        AwsService.Ec2 => "AWS_ENDPOINT_URL_EC2",
        AwsService.Kms => "AWS_ENDPOINT_URL_KMS",
        AwsService.SecretsManager => "AWS_ENDPOINT_URL_SECRETS_MANAGER",
        AwsService.InstanceConnect => "AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "unknown AWS service"),
    };
}
