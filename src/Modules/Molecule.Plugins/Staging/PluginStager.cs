using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Http;
using Molecule.Plugins.Http;
using Molecule.Plugins.Naming;
using Molecule.Plugins.Sources;

namespace Molecule.Plugins.Staging;

/// <summary>
/// Fetches a validated source into a fresh staging directory and runs the checks between fetch and
/// delivery, in the reference's order: fetch (404/504/502), returned name (400), size (413), the
/// plugin's own manifest digest (422), the caller's plugin.yaml pin (422). The whole of it runs
/// under PLUGIN_INSTALL_FETCH_TIMEOUT.
/// </summary>
internal sealed class PluginStager(
    PluginSourceRegistry sources,
    IOptions<PluginsOptions> options,
    ILogger<PluginStager> logger)
{
    public async Task<(StagedPlugin? Plugin, ApiError? Error)> StageAsync(
        PluginSource source, string? expectedSha256, CancellationToken cancellationToken)
    {
        var resolver = sources.Find(source.Scheme)
            ?? throw new InvalidOperationException($"source {source} was not validated");
        StagingDirectory staging;
        try
        {
            staging = StagingDirectory.Create();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.StagingRefused(source.ToString(), exception.Message);
            return (null, ApiError.Internal("failed to create staging dir"));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.FetchTimeoutValue);
        var keep = false;
        try
        {
            var (plugin, error) = await StageIntoAsync(resolver, source, staging, expectedSha256, timeout.Token);
            keep = plugin is not null;
            return (plugin, error);
        }
        catch (Exception exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && exception is OperationCanceledException or PluginFetchException or IOException)
        {
            logger.FetchFailed(source.ToString(), nameof(PluginFetchFailure.TimedOut), $"no result within {options.Value.FetchTimeoutValue}");
            return (null, FetchFailed(source, PluginFetchFailure.TimedOut));
        }
        finally
        {
            if (!keep)
            {
                staging.Dispose();
            }
        }
    }

    private async Task<(StagedPlugin? Plugin, ApiError? Error)> StageIntoAsync(
        IPluginSourceResolver resolver, PluginSource source, StagingDirectory staging, string? expectedSha256, CancellationToken cancellationToken)
    {
        var budget = new StagingBudget(options.Value.MaxDirBytes);
        string name;
        try
        {
            name = await resolver.FetchAsync(source.Spec, staging.Root, budget, cancellationToken);
        }
        catch (PluginFetchException exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.FetchFailed(source.ToString(), exception.Failure.ToString(), exception.Message);
            return (null, FetchFailed(source, exception.Failure));
        }
        catch (StagingLimitExceededException)
        {
            return Refused(source, StatusCodes.Status413PayloadTooLarge, "staged plugin exceeds size limit");
        }

        if (!PluginNames.IsValid(name))
        {
            return Refused(source, StatusCodes.Status400BadRequest, "resolver returned invalid plugin name");
        }

        // Resolvers charge the budget as they write; the total is checked again for any that does not.
        var entries = StagedFiles.List(staging.Root);
        if (StagedFiles.TotalFileBytes(entries) > budget.MaxBytes)
        {
            return Refused(source, StatusCodes.Status413PayloadTooLarge, "staged plugin exceeds size limit");
        }

        if (!await SupplyChainChecks.ManifestDigestHoldsAsync(staging.Root, entries, cancellationToken))
        {
            return Refused(source, StatusCodes.Status422UnprocessableEntity, "plugin manifest integrity check failed");
        }

        if (!string.IsNullOrEmpty(expectedSha256)
            && await SupplyChainChecks.PluginYamlPinProblemAsync(staging.Root, expectedSha256, cancellationToken) is { } pinProblem)
        {
            return Refused(source, StatusCodes.Status422UnprocessableEntity, pinProblem);
        }

        return (new StagedPlugin(name, source, staging, entries), null);
    }

    private (StagedPlugin?, ApiError?) Refused(PluginSource source, int status, string error)
    {
        logger.StagingRefused(source.ToString(), error);
        return (null, PluginErrors.WithSource(status, error, source));
    }

    private static ApiError FetchFailed(PluginSource source, PluginFetchFailure failure) => PluginErrors.WithSource(
        failure switch
        {
            PluginFetchFailure.NotFound => StatusCodes.Status404NotFound,
            PluginFetchFailure.TimedOut => StatusCodes.Status504GatewayTimeout,
            _ => StatusCodes.Status502BadGateway,
        },
        $"failed to fetch plugin from {source.Scheme}",
        source);
}
