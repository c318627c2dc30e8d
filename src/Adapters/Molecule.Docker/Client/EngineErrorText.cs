using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Molecule.Docker.Client;

/// <summary>The engine's own words for an error answer, as the typed exceptions carry them.</summary>
internal static class EngineErrorText
{
    /// <summary>The body's <c>{"message": "..."}</c>, else its raw text, else the status line (HEAD and 304 answers carry no body).</summary>
    public static string From(HttpStatusCode status, string? body)
    {
        var text = body?.Trim() ?? "";
        if (text.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    text = message.GetString() ?? "";
                }
            }
            catch (JsonException)
            {
                // Not JSON after all; keep the text.
            }
        }

        return text.Length > 0 ? text : $"{(int)status} {ReasonPhrases.GetReasonPhrase((int)status)}".TrimEnd();
    }

    /// <summary>The typed exception for an engine error status.</summary>
    public static DockerApiException ToException(HttpStatusCode status, string? body)
    {
        var message = From(status, body);
        return status switch
        {
            HttpStatusCode.NotFound => new DockerNotFoundException(message),
            HttpStatusCode.Conflict => new DockerConflictException(message),
            _ => new DockerApiException(status, message),
        };
    }
}
