namespace Molecule.Docker.Wire;

internal sealed class VersionWire
{
    public string? Version { get; set; }
    public string? ApiVersion { get; set; }
    public string? MinAPIVersion { get; set; }
    public string? Os { get; set; }
    public string? Arch { get; set; }
    public string? KernelVersion { get; set; }
}

/// <summary>One line of a pull or import progress stream.</summary>
internal sealed class ProgressLineWire
{
    public string? Status { get; set; }
    public string? Id { get; set; }
    public string? Progress { get; set; }
    public ProgressDetailWire? ProgressDetail { get; set; }
    public string? Error { get; set; }
    public ErrorDetailWire? ErrorDetail { get; set; }
}

internal sealed class ProgressDetailWire
{
    public long? Current { get; set; }
    public long? Total { get; set; }
}

internal sealed class ErrorDetailWire
{
    public string? Message { get; set; }
}

internal sealed class RegistryAuthWire
{
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? ServerAddress { get; set; }
}
