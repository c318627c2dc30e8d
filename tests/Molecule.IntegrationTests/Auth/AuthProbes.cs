using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Auth;
using Molecule.Kernel.Auth;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Auth;

/// <summary>
/// Test-only routes, one per auth decision, in front of the real host's pipeline (the real routes with
/// CanvasOrBearer and the others belong to other modules). Each answers with the caller the middleware attached.
/// </summary>
internal static class AuthProbes
{
    public static WebApplicationFactory<Program> WithProbes(this MoleculeApp app) =>
        app.WithWebHostBuilder(builder => builder.ConfigureTestServices(
            services => services.AddCors().AddSingleton<IStartupFilter, ProbeStartupFilter>()));

    public const string CorsOrigin = "http://canvas.test:3000";

    public static HttpClient Client(this WebApplicationFactory<Program> factory, string? bearer = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    private sealed class ProbeStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseRouting();
            app.UseMoleculeAuth();
            app.UseCors();
            app.UseEndpoints(endpoints =>
            {
                endpoints.MapGet("/probe/admin", DescribeCaller).RequireAdminAuth();
                endpoints.MapGet("/probe/workspaces/{id}", DescribeCaller).RequireWorkspaceAuth();
                endpoints.MapGet("/probe/canvas", DescribeCaller).RequireCanvasOrBearer();
                endpoints.MapGet("/probe/open", DescribeCaller).AllowOpen("test probe");
                endpoints.MapGet("/probe/cors-admin", DescribeCaller)
                    .RequireAdminAuth()
                    .RequireCors(policy => policy.WithOrigins(CorsOrigin).AllowAnyHeader().AllowAnyMethod().AllowCredentials());
                endpoints.MapGet("/probe/undecided", DescribeCaller);
                endpoints.MapGet("/probe/conflicting", DescribeCaller).AllowOpen("test probe").RequireAdminAuth();
            });
            next(app);
        };

        private static IResult DescribeCaller(HttpContext context)
        {
            var caller = AuthenticatedCaller.Of(context);
            return Results.Json(new JsonObject
            {
                ["credential"] = caller?.Credential.ToString(),
                ["token_id"] = caller?.TokenId?.ToString(),
                ["token_prefix"] = caller?.TokenPrefix,
                ["org_id"] = caller?.OrgId?.ToString(),
                ["workspace_id"] = caller?.WorkspaceId?.ToString(),
            });
        }
    }
}
