using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Molecule.Testing.Aws;

/// <summary>
/// The AWS JSON 1.1 envelope every JSON fake shares (protocols.md §4.1): verifies the SigV4
/// signature, checks <c>Content-Type</c> and <c>X-Amz-Target</c>, applies planned faults, runs the
/// operation and answers its JSON with an <c>x-amzn-RequestId</c>, or <c>{"__type","message"}</c>.
/// </summary>
public abstract class FakeAwsJsonService : IAsyncDisposable
{
    private readonly string _signingName;
    private readonly string _targetPrefix;
    private readonly string _messageMember;
    private readonly SigV4Verifier _verifier;
    private readonly ConcurrentQueue<string> _calls = new();
    private WebApplication? _app;
    private int _rejectedSignatures;

    protected FakeAwsJsonService(string signingName, string targetPrefix, string messageMember, SigV4Verifier verifier, TimeProvider time, string region)
    {
        _signingName = signingName;
        _targetPrefix = targetPrefix;
        _messageMember = messageMember;
        _verifier = verifier;
        Time = time;
        Region = region;
    }

    /// <summary>The endpoint to configure (<c>http://127.0.0.1:port/</c>).</summary>
    public string Url { get; private set; } = "";

    public string Region { get; }

    public AwsFaults Faults { get; } = new();

    /// <summary>Every correctly signed call's operation name, in arrival order (faulted ones included).</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>How many requests were refused for their signature.</summary>
    public int RejectedSignatures => Volatile.Read(ref _rejectedSignatures);

    /// <summary>The account id in the ARNs this fake makes.</summary>
    public string AccountId { get; init; } = "123456789012";

    protected TimeProvider Time { get; }

    protected object Sync { get; } = new();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await FakeAwsHost.StopAsync(_app);
        }

        GC.SuppressFinalize(this);
    }

    protected async Task StartAsync()
    {
        (_app, Url) = await FakeAwsHost.StartAsync(HandleAsync);
    }

    /// <summary>Runs one operation; throws <see cref="FakeAwsException"/> for an AWS error.</summary>
    protected abstract JsonObject Handle(string operation, JsonElement input, string requestId);

    protected static FakeAwsException Error(string code, string message, int status = 400) => new(code, message, status);

    protected static string RequiredString(JsonElement input, string member) =>
        input.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Error("ValidationException", $"1 validation error detected: Value null at '{char.ToLowerInvariant(member[0])}{member[1..]}' failed to satisfy constraint: Member must not be null");

    protected static string? OptionalString(JsonElement input, string member) =>
        input.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    protected static double EpochSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString("D");
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var (verdict, body) = await _verifier.VerifyAsync(context.Request, _signingName, Region);
        if (!verdict.IsValid)
        {
            Interlocked.Increment(ref _rejectedSignatures);
            var code = verdict.Failure switch
            {
                SigV4Failure.Missing => "MissingAuthenticationTokenException",
                SigV4Failure.Malformed or SigV4Failure.WrongScope => "IncompleteSignatureException",
                SigV4Failure.UnknownAccessKey or SigV4Failure.InvalidSessionToken => "UnrecognizedClientException",
                _ => "InvalidSignatureException",
            };
            await WriteErrorAsync(context, new FakeAwsException(code, verdict.Message, verdict.Failure == SigV4Failure.Missing ? 403 : 400));
            return;
        }

        var target = context.Request.Headers["X-Amz-Target"].ToString();
        if (!context.Request.Method.Equals("POST", StringComparison.Ordinal)
            || !target.StartsWith(_targetPrefix + ".", StringComparison.Ordinal)
            || context.Request.ContentType?.StartsWith("application/x-amz-json-1.1", StringComparison.Ordinal) != true)
        {
            await WriteErrorAsync(context, Error("UnknownOperationException", $"expected POST with X-Amz-Target {_targetPrefix}.<Operation> and application/x-amz-json-1.1, got {context.Request.Method} '{target}'"));
            return;
        }

        var operation = target[(_targetPrefix.Length + 1)..];
        _calls.Enqueue(operation);
        try
        {
            if (Faults.Take(operation) is { } planned)
            {
                throw planned;
            }

            using var input = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
            JsonObject output;
            lock (Sync)
            {
                output = Handle(operation, input.RootElement, requestId);
            }

            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.WriteAsync(output.ToJsonString(), Encoding.UTF8);
        }
        catch (FakeAwsException e)
        {
            await WriteErrorAsync(context, e);
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(context, Error("SerializationException", e.Message));
        }
    }

    private Task WriteErrorAsync(HttpContext context, FakeAwsException error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        var body = new JsonObject { ["__type"] = error.Code, [_messageMember] = error.Message };
        return context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
    }
}
