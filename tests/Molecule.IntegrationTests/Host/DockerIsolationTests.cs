using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Docker;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Host;

/// <summary>Changes the process environment, so it runs alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class DockerIsolationTests
{
    [Fact]
    public async Task A_test_app_never_contacts_an_exported_DOCKER_HOST_unless_the_test_asks_for_it()
    {
        var directory = Directory.CreateTempSubdirectory("mdi-");
        var socketPath = Path.Combine(directory.FullName, "docker.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(16);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var accepted = 0;
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var connection = await listener.AcceptAsync(stop.Token);
                Interlocked.Increment(ref accepted);
            }
        });
        var exported = Environment.GetEnvironmentVariable("DOCKER_HOST");
        Environment.SetEnvironmentVariable("DOCKER_HOST", "unix://" + socketPath);
        try
        {
            // The listener answers: the same connect the engine client makes succeeds.
            using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                await probe.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), stop.Token);
            }

            await Eventually.UntilAsync(() => Volatile.Read(ref accepted) == 1, "the listener took the probe connection");

            await using var app = await WorkspacesApp.StartAsync();
            app.Services.GetRequiredService<IDockerEngine>().Endpoint.ShouldBe(app.DockerHost);
            app.DockerHost.ShouldNotContain(socketPath);
            var id = await CreateAsync(app.Admin(), new { name = "Isolated", tier = 2 });
            await SettleAsync(app, id);

            var row = (await RowAsync(app, id))!;
            row.Status.ShouldBe("failed");
            row.LastSampleError.ShouldNotBeNull().ShouldStartWith($"Docker engine at {app.DockerHost} is unavailable");
            Volatile.Read(ref accepted).ShouldBe(1, "the app connected to the exported DOCKER_HOST");
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOCKER_HOST", exported);
            await stop.CancelAsync();
            await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            directory.Delete(recursive: true);
        }
    }
}
