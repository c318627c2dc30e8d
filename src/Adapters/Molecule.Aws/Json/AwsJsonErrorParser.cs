using System.Net;
using System.Text.Json;

namespace Molecule.Aws.Json;

/// <summary>
/// Reads an AWS JSON 1.1 error answer (protocols.md §4.1): the code from <c>x-amzn-query-error</c> or
/// <c>__type</c> (namespace prefix and <c>:</c> suffix dropped), the text from <c>message</c> or
/// <c>Message</c>, the request id from <c>x-amzn-RequestId</c>.
/// </summary>
internal static class AwsJsonErrorParser
{
    public static AwsJsonServiceException Parse(HttpStatusCode status, ReadOnlySpan<byte> body, string? queryErrorHeader, string? requestId)
    {
        string? code = null;
        string? message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = StringMember(document.RootElement, "__type") ?? StringMember(document.RootElement, "code");
                message = StringMember(document.RootElement, "message") ?? StringMember(document.RootElement, "Message");
            }
        }
        catch (JsonException)
        {
            // A proxy or load balancer answered with HTML or nothing: the status stands for the code.
        }

        if (!string.IsNullOrWhiteSpace(queryErrorHeader))
        {
            code = queryErrorHeader.Split(';')[0];
        }

        code = Normalise(code) ?? status.ToString();
        message = string.IsNullOrWhiteSpace(message) ? $"AWS answered HTTP {(int)status} ({code})" : message;
        return new AwsJsonServiceException(message, code, requestId ?? "", status);
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var afterHash = code[(code.LastIndexOf('#') + 1)..];
        var colon = afterHash.IndexOf(':', StringComparison.Ordinal);
        var bare = (colon >= 0 ? afterHash[..colon] : afterHash).Trim();
        return bare.Length == 0 ? null : bare;
    }
}
