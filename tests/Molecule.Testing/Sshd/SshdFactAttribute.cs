namespace Molecule.Testing;

/// <summary>
/// A fact that needs the throwaway sshd. Without it the test is reported as skipped with the
/// reason (sshd did not start, or the tests were not run through scripts/test.sh), never as passed.
/// </summary>
public sealed class SshdFactAttribute : Xunit.FactAttribute
{
    public SshdFactAttribute()
    {
        if (SshdServer.Current is null)
        {
            Skip = SshdServer.UnavailableReason;
        }
    }
}

/// <summary>A fact that needs OpenSSH's <c>ssh-keygen</c> binary (to check our key formats against the real tool).</summary>
public sealed class SshKeygenFactAttribute : Xunit.FactAttribute
{
    public const string Path = "/usr/bin/ssh-keygen";

    public SshKeygenFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = $"{Path} is not installed (Debian package openssh-client)";
        }
    }
}
