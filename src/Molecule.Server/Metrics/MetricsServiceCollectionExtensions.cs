namespace Molecule.Server.Metrics;

internal static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddSingleton<HttpRequestMetrics>();
        services.AddSingleton<WorkspaceStatusGauge>();
        services.AddSingleton<MoleculeMeterCollector>();
        services.AddHostedService(provider => provider.GetRequiredService<MoleculeMeterCollector>());
        return services;
    }

    public static IApplicationBuilder UseRequestMetrics(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestMetricsMiddleware>();
}
