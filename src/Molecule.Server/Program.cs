using Molecule.A2A;
using Molecule.Auth;
using Molecule.Events;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Data;
using Molecule.Kernel.Http;
using Molecule.Provisioner;
using Molecule.Registry;
using Molecule.RuntimeRegistry;
using Molecule.Secrets;
using Molecule.Workspaces;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<PlatformOptions>().Bind(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(options => MoleculeJson.Configure(options.SerializerOptions));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMoleculeData();

// The module list: explicit, in one place.
builder.Services
    .AddAuth(builder.Configuration)
    .AddEvents(builder.Configuration)
    .AddSecrets(builder.Configuration)
    .AddRuntimeRegistry(builder.Configuration)
    .AddProvisioner(builder.Configuration)
    .AddWorkspaces(builder.Configuration)
    .AddRegistry(builder.Configuration)
    .AddA2A(builder.Configuration);

var app = builder.Build();

await app.Services.GetRequiredService<MigrationRunner>()
    .ApplyAsync(Migration.FromEmbeddedResources(typeof(Program).Assembly));

app.UseRouting();
app.UseMoleculeAuth();

app.MapGet("/health", () => Results.Json(new Dictionary<string, string> { ["status"] = "ok" }))
    .AllowOpen("liveness probe");

app.MapAuth();
app.MapEvents();
app.MapSecrets();
app.MapRuntimeRegistry();
app.MapProvisioner();
app.MapWorkspaces();
app.MapRegistry();
app.MapA2A();

await app.RunAsync();

public partial class Program;
