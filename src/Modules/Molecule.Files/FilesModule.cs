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
        var files = new NotBuiltOnEc2Filter("files");
        ListFilesEndpoint.Map(endpoints).AddEndpointFilter(files);
        ReplaceFilesEndpoint.Map(endpoints).AddEndpointFilter(files);
        ReadFileEndpoint.Map(endpoints).AddEndpointFilter(files);
        WriteFileEndpoint.Map(endpoints).AddEndpointFilter(files);
        DeleteFileEndpoint.Map(endpoints).AddEndpointFilter(files);
        SharedContextEndpoint.Map(endpoints).AddEndpointFilter(files);

        var chatFiles = new NotBuiltOnEc2Filter("chat files");
        ChatUploadsEndpoint.Map(endpoints).AddEndpointFilter(chatFiles);
        ChatDownloadEndpoint.Map(endpoints).AddEndpointFilter(chatFiles);
        return endpoints;
    }
}
