namespace Molecule.Testing.Aws.Tunnel;

/// <summary>The key the fake tunnel endpoint accepts, or the key a test signs with on purpose.</summary>
public sealed record EicPresignCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken);
