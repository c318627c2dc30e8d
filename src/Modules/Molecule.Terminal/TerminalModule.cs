using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Aws;
using Molecule.Aws.Tunnel;
using Molecule.Docker;
using Molecule.Ssh;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Terminal.Backends;
using Molecule.Terminal.Backends.Ec2;
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
            .Validate(o => !string.IsNullOrWhiteSpace(o.Ec2OsUser), "WORKSPACE_EC2_OS_USER must not be empty")
            .ValidateOnStart();
        services.AddDockerEngine(configuration);

        // EC2 diagnose: each of these registers only once, whichever module calls first.
        services.AddAwsClients(configuration);
        services.AddSshSessions(configuration);
        services.AddEicTunnel(configuration);

        services.AddSingleton<Ec2DiagnoseDependencies>();

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
