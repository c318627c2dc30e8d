using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Docker;
using Molecule.Files.Backends;
using Molecule.Files.ChatDownload;
using Molecule.Files.ChatUploads;
using Molecule.Files.DeleteFile;
using Molecule.Files.Http;
using Molecule.Files.ListFiles;
using Molecule.Files.ReadFile;
using Molecule.Files.ReplaceFiles;
using Molecule.Files.SharedContext;
using Molecule.Files.Templates;
using Molecule.Files.WriteFile;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;

namespace Molecule.Files;

/// <summary>
/// The files API: list, read, write, bulk-replace and delete a workspace's files, its shared
/// context, and chat uploads/downloads. Each call goes to the backend the workspace row selects
/// (Docker now; EC2 answers 501 until it is built), with the template directory under
/// CONFIGS_DIR as the fallback where the reference had one.
/// </summary>
public static class FilesModule
{
    public static IServiceCollection AddFiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FilesOptions>()
            .Bind(configuration)
            .Validate(options => options.MaxFileBytes is > 0 and <= FilesOptions.MaxAllowedFileBytes, "FILES_MAX_BYTES must be between 1 and 1073741824")
            .Validate(options => options.DockerTimeoutSeconds is > 0 and <= 3600, "FILES_DOCKER_TIMEOUT_SECONDS must be between 1 and 3600")
            .Validate(options => !string.IsNullOrWhiteSpace(options.HelperImage), "FILES_HELPER_IMAGE must name an image")
            .ValidateOnStart();
        services.AddDockerEngine(configuration);
        services.AddConfigsDirectory(configuration);

        services.AddSingleton<WorkspaceTemplates>();
        services.AddSingleton<FilesWorkspaces>();
        services.AddSingleton<WorkspaceRoles>();
        services.AddSingleton<DockerRunningContainers>();
        services.AddSingleton<DockerConfigVolume>();
        services.AddKeyedSingleton<IFilesBackend, DockerFilesBackend>(Backend.Docker);
        services.AddKeyedSingleton<IFilesBackend, Ec2FilesBackend>(Backend.Ec2);
        return services;
    }

    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder endpoints)
    {
        // The files routes answer a malformed id like an unknown workspace; the chat routes say it is invalid.
        var workspace = endpoints.MapWorkspaceGroup();
        ListFilesEndpoint.Map(workspace).WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundForMalformedId);
        ReplaceFilesEndpoint.Map(workspace).WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundForMalformedId);
        ReadFileEndpoint.Map(workspace).WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundForMalformedId);
        WriteFileEndpoint.Map(workspace).WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundForMalformedId);
        DeleteFileEndpoint.Map(workspace).WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundForMalformedId);
        SharedContextEndpoint.Map(workspace).WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundForMalformedId);

        ChatUploadsEndpoint.Map(workspace);
        ChatDownloadEndpoint.Map(workspace);
        return endpoints;
    }
}
