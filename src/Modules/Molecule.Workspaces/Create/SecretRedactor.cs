using System.Text.RegularExpressions;

namespace Molecule.Workspaces.Create;

/// <summary>
/// Replaces credentials that are easy to recognise (provider API keys, cloud and chat tokens) with
/// <c>[REDACTED:&lt;KIND&gt;]</c> before text is stored as a memory. Deliberately basic: it catches
/// well-known key shapes, not every secret a person could paste.
/// </summary>
internal static partial class SecretRedactor
{
    private static readonly (Regex Pattern, string Kind)[] Rules =
    [
        (AnthropicKey(), "ANTHROPIC_API_KEY"),
        (OpenAiKey(), "OPENAI_API_KEY"),
        (GitHubToken(), "GITHUB_TOKEN"),
        (AwsAccessKey(), "AWS_ACCESS_KEY_ID"),
        (SlackToken(), "SLACK_TOKEN"),
        (PrivateKey(), "PRIVATE_KEY"),
    ];

    public static string Redact(string text)
    {
        foreach (var (pattern, kind) in Rules)
        {
            text = pattern.Replace(text, $"[REDACTED:{kind}]");
        }

        return text;
    }

    [GeneratedRegex(@"sk-ant-[A-Za-z0-9_\-]{20,}")]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"sk-(?:proj-)?[A-Za-z0-9_\-]{20,}")]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"xox[abprs]-[A-Za-z0-9\-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();
}
