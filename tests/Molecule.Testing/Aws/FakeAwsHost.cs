using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Molecule.Testing.Aws;

/// <summary>A Kestrel server on 127.0.0.1 and an ephemeral port that sends every request to one handler.</summary>
internal static class FakeAwsHost
{
    public static async Task<(WebApplication App, string Url)> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, url.TrimEnd('/') + "/");
    }

    public static async ValueTask StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>An AWS error a fake answers with: the code, the text and the HTTP status.</summary>
public sealed class FakeAwsException(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int Status { get; } = status;
}

/// <summary>
/// Errors a test asks a fake to answer instead of doing the call: "the next N calls of operation X
/// answer code C". Calls of other operations are unaffected.
/// </summary>
public sealed class AwsFaults
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<FakeAwsException>> _planned = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> answer <paramref name="code"/>.</summary>
    public void FailNext(string operation, string code, int times = 1, int? status = null, string? message = null)
    {
        lock (_lock)
        {
            if (!_planned.TryGetValue(operation, out var queue))
            {
                _planned[operation] = queue = new Queue<FakeAwsException>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(new FakeAwsException(code, message ?? $"injected {code}", status ?? DefaultStatus(code)));
            }
        }
    }

    /// <summary>Forgets every planned error.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _planned.Clear();
        }
    }

    internal FakeAwsException? Take(string operation)
    {
        lock (_lock)
        {
            return _planned.TryGetValue(operation, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
        }
    }

    private static int DefaultStatus(string code) => code switch
    {
        "RequestLimitExceeded" or "ServiceUnavailable" or "Unavailable" => 503,
        "InternalError" or "InternalFailure" or "InternalServiceError" or "ServiceException" => 500,
        "UnauthorizedOperation" or "AuthFailure" => 403,
        _ => 400,
    };
}
