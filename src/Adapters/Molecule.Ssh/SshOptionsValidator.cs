using Microsoft.Extensions.Options;

namespace Molecule.Ssh;

/// <summary>Refuses to start with SSH settings outside their sane ranges, naming the setting.</summary>
internal sealed class SshOptionsValidator : IValidateOptions<SshOptions>
{
    public ValidateOptionsResult Validate(string? name, SshOptions options)
    {
        var failures = new List<string>();
        Check(options.SessionIdleSeconds, nameof(SshOptions.SessionIdleSeconds), 0, 3600, failures);
        Check(options.ConnectTimeoutSeconds, nameof(SshOptions.ConnectTimeoutSeconds), 1, 600, failures);
        Check(options.OpenTimeoutSeconds, nameof(SshOptions.OpenTimeoutSeconds), 1, 600, failures);
        Check(options.KeepAliveSeconds, nameof(SshOptions.KeepAliveSeconds), 0, 3600, failures);
        Check(options.MaxOutputBytes, nameof(SshOptions.MaxOutputBytes), 1024, int.MaxValue, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(int value, string property, int min, int max, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{SshOptions.Section}:{property} ({SshOptions.EnvironmentNames[property]}) must be between {min} and {max}, got {value}");
        }
    }
}
