using Microsoft.AspNetCore.Hosting;

namespace Molecule.Server.Configuration;

internal static class ListenPort
{
    /// <summary>
    /// Listens on every interface at <c>PORT</c> (default 8080), like the reference's <c>:PORT</c>, unless
    /// ASPNETCORE_URLS or <c>--urls</c> says otherwise. An invalid PORT is left for the options
    /// validator to refuse with a clear message.
    /// </summary>
    public static IWebHostBuilder ListenOnPortSetting(this IWebHostBuilder webHost, IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]) ||
            !ServerOptions.TryParsePort(configuration["PORT"], out var port))
        {
            return webHost;
        }

        return webHost.UseUrls($"http://*:{port}");
    }
}
