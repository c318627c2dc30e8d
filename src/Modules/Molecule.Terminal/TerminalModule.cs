using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Docker;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Terminal.Backends;
using Molecule.Terminal.Connect;
using Molecule.Terminal.Diagnose;

namespace Molecule.Terminal;

public static class TerminalModule
{
    public static IServiceCollection AddTerminal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TerminalOptions>()
            .Bind(configuration)
            .Validate(
                o => o.IdleMinutes > 0 && o.IdleMinutes <= TerminalOptions.MaxIdleMinutes,
                $"TERMINAL_IDLE_MINUTES must be more than 0 and at most {TerminalOptions.MaxIdleMinutes}")
            .ValidateOnStart();
        services.AddDockerEngine(configuration);

        services.AddSingleton<TerminalCallerCheck>();
        services.AddSingleton<TerminalOriginPolicy>();
        services.AddSingleton<TerminalSessionRunner>();
        services.AddSingleton<TerminalSessionDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<TerminalSessionDrain>());
        services.AddSingleton<DiagnoseRunner>();
        services.AddSingleton<WorkspaceContainerLookup>();
        services.AddSingleton<DockerSessionReaper>();
        services.AddKeyedSingleton<ITerminalBackend, DockerTerminalBackend>(Backend.Docker);
        services.AddKeyedSingleton<ITerminalBackend, Ec2TerminalBackend>(Backend.Ec2);
        return services;
    }

    public static IEndpointRouteBuilder MapTerminal(this IEndpointRouteBuilder endpoints)
    {
        var workspace = endpoints.MapWorkspaceGroup();
        workspace.MapTerminalSocket();
        workspace.MapTerminalDiagnose();
        return endpoints;
    }
}
