using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Molecule.Testing;

/// <summary>
/// A stand-in for codeload.github.com on 127.0.0.1: serves <c>/{owner}/{repo}/tar.gz/{ref}</c> from
/// tarballs the test registers, 404 for anything else, and records every path asked for.
/// </summary>
public sealed class PluginsFakeGithub : IAsyncDisposable
{
    /// <summary>How long a hanging tarball waits for the client to give up before answering anyway.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]?> _tarballs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();

    private PluginsFakeGithub(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    /// <summary>The paths requested so far, e.g. <c>/owner/repo/tar.gz/v1</c>.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<PluginsFakeGithub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var github = new PluginsFakeGithub(app);
        app.MapGet("/{owner}/{repo}/tar.gz/{**reference}", github.ServeAsync);
        await app.StartAsync();
        github.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return github;
    }

    /// <summary>Serves <paramref name="tarGz"/> for <c>owner/repo</c> at <paramref name="reference"/> (<c>HEAD</c> for unpinned).</summary>
    public void Serve(string owner, string repo, string reference, byte[] tarGz) => _tarballs[Key(owner, repo, reference)] = tarGz;

    /// <summary>Makes that tarball never arrive (until the client gives up), to exercise the fetch timeout.</summary>
    public void Hang(string owner, string repo, string reference) => _tarballs[Key(owner, repo, reference)] = null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Key(string owner, string repo, string reference) => $"{owner}/{repo}/{reference}";

    private async Task ServeAsync(HttpContext context, string owner, string repo, string reference)
    {
        _requests.Enqueue(context.Request.Path.Value ?? "");
        if (!_tarballs.TryGetValue(Key(owner, repo, reference), out var tarball))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (tarball is null)
        {
            try
            {
                await Task.Delay(HangLimit, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.ContentType = "application/x-gzip";
        await context.Response.Body.WriteAsync(tarball ?? []);
    }
}
