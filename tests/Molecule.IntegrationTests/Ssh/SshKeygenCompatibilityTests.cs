using System.Diagnostics;
using Molecule.Ssh;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Ssh;

/// <summary>Our in-process keys are what OpenSSH's own ssh-keygen understands, fingerprint included.</summary>
public sealed class SshKeygenCompatibilityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("molecule-keygen-").FullName;

    [SshKeygenFact]
    public async Task Ssh_keygen_reads_our_public_key_line_and_prints_our_fingerprint()
    {
        using var key = SshKeyPair.Generate("ws-test");
        var file = Path.Combine(_directory, "id.pub");
        await File.WriteAllTextAsync(file, key.PublicKeyLine + "\n");

        var output = await SshKeygenAsync("-l", "-E", "sha256", "-f", file);

        output.ShouldBe($"256 {key.Fingerprint} ws-test (ED25519)\n");
    }

    [SshKeygenFact]
    public async Task Ssh_keygen_derives_our_public_key_from_our_exported_private_key()
    {
        using var key = SshKeyPair.Generate("ws-test");
        var file = Path.Combine(_directory, "id_ed25519");
        await File.WriteAllTextAsync(file, key.ExportOpenSshPrivateKey());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite); // ssh-keygen refuses a key others can read
        }

        var output = await SshKeygenAsync("-y", "-f", file);

        output.ShouldBe(key.PublicKeyLine + "\n");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<string> SshKeygenAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(SshKeygenFactAttribute.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        process.ExitCode.ShouldBe(0, await stderr);
        return await stdout;
    }
}
