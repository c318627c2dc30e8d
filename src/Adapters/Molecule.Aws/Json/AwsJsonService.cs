namespace Molecule.Aws.Json;

/// <summary>What distinguishes one AWS JSON 1.1 service from another on the wire.</summary>
internal sealed record AwsJsonService(AwsService Service, string SigningName, string TargetPrefix)
{
    public static AwsJsonService For(AwsService service) => service switch
    {
        AwsService.SecretsManager => new(service, AwsServiceNames.SigningName(service), "secretsmanager"),
        AwsService.InstanceConnect => new(service, AwsServiceNames.SigningName(service), "AWSEC2InstanceConnectService"),
        AwsService.Kms => new(service, AwsServiceNames.SigningName(service), "TrentService"),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "not an AWS JSON 1.1 service"),
    };

    public string Target(string operation) => $"{TargetPrefix}.{operation}";
}
