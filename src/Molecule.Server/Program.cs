using Microsoft.Extensions.Options;
using Molecule.A2A;
using Molecule.Auth;
using Molecule.Events;
using Molecule.Files;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Data;
using Molecule.Kernel.Http;
using Molecule.Plugins;
using Molecule.Provisioner;
using Molecule.Registry;
using Molecule.RuntimeRegistry;
using Molecule.Secrets;
using Molecule.Secrets.ReEncryption;
using Molecule.Server.Configuration;
using Molecule.Server.Health;
using Molecule.Server.Http;
using Molecule.Server.Logging;
using Molecule.Server.Metrics;
using Molecule.Server.NotBuilt;
using Molecule.Terminal;
using Molecule.Workspaces;

var builder = WebApplication.CreateBuilder(args);

builder.AddMoleculeLogging();
builder.WebHost.ListenOnPortSetting(builder.Configuration);

// Settings under the reference's environment variable names; bad values stop the boot.
builder.Services.AddOptions<PlatformOptions>().Bind(builder.Configuration).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<PlatformOptions>, PlatformOptionsValidator>();
builder.Services.AddOptions<ServerOptions>().Bind(builder.Configuration).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();

builder.Services.ConfigureHttpJsonOptions(options => MoleculeJson.Configure(options.SerializerOptions));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMoleculeData();

// Host services: errors, health, metrics, rate limit, API description.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BackendNotAvailableHandler>();
builder.Services.AddExceptionHandler<KeyServiceUnavailableHandler>();
builder.Services.AddExceptionHandler<InternalErrorHandler>();
builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", timeout: HealthEndpoint.CheckTimeout);
builder.Services.AddPrometheusMetrics();
builder.Services.AddRequestRateLimit();
builder.Services.AddOpenApi();

// The module list: explicit, in one place.
builder.Services
    .AddAuth(builder.Configuration)
    .AddEvents(builder.Configuration)
    .AddSecrets(builder.Configuration)
    .AddRuntimeRegistry(builder.Configuration)
    .AddProvisioner(builder.Configuration)
    .AddWorkspaces(builder.Configuration)
    .AddRegistry(builder.Configuration)
    .AddA2A(builder.Configuration)
    .AddFiles(builder.Configuration)
    .AddPlugins(builder.Configuration)
    .AddTerminal(builder.Configuration);

var app = builder.Build();

await app.Services.GetRequiredService<MigrationRunner>()
    .ApplyAsync(Migration.FromEmbeddedResources(typeof(Program).Assembly));

// `Molecule.Server secrets reencrypt …` runs the one-off job against the same database and exits.
if (SecretsCommandLine.Matches(args))
{
    Environment.ExitCode = await SecretsCommandLine.RunAsync(app.Services, args, Console.Out, Console.Error, CancellationToken.None);
    return;
}

// The pipeline, outermost first. Logging and metrics see every answer, refusals included.
app.UseMoleculeRequestLogging();
app.UseRequestMetrics();
app.UseExceptionHandler();
app.UseRouting();
app.UseSecurityHeaders();
app.UseMoleculeCors();
app.UseRequestRateLimit();
app.UseTenantGuard();
app.UseWebSockets(HostWebSockets.Options);
app.UseMoleculeAuth();

app.MapGet("/health", HealthEndpoint.HandleAsync)
    .WithName("Health")
    .Produces(StatusCodes.Status200OK, contentType: "application/json")
    .Produces(StatusCodes.Status503ServiceUnavailable, contentType: "application/json")
    .AllowOpen("liveness probe, as in the reference");
app.MapGet("/metrics", MetricsEndpoint.HandleAsync)
    .WithName("Metrics")
    .Produces(StatusCodes.Status200OK, contentType: "text/plain")
    .AllowOpen("Prometheus scrape, as in the reference");
app.MapOpenApi()
    .AllowOpen("API description; lists routes, no data");

app.MapAuth();
app.MapEvents();
app.MapSecrets();
app.MapRuntimeRegistry();
app.MapProvisioner();
app.MapWorkspaces();
app.MapRegistry();
app.MapA2A();
app.MapFiles();
app.MapPlugins();
app.MapTerminal();

app.MapNotBuiltRoutes();
app.MapNotFoundFallback();

await app.RunAsync();

public partial class Program;
