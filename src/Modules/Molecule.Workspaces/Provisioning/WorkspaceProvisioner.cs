using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Secrets;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Directory;
using Molecule.Workspaces.Lifecycle;
using Npgsql;

namespace Molecule.Workspaces.Provisioning;

/// <summary>
/// Starts workspaces in the background through the compute backend their row dispatches to.
/// Jobs for one workspace run one after another; a job whose workspace changed meanwhile (restarted,
/// paused, deleted) writes nothing, so a late answer never overwrites a newer state.
/// </summary>
internal sealed partial class WorkspaceProvisioner(
    IServiceProvider services,
    NpgsqlDataSource db,
    ISecretReader secrets,
    StatusTransitions transitions,
    IHostApplicationLifetime lifetime,
    ILogger<WorkspaceProvisioner> logger)
{
    /// <summary>The reference bounds one start (image pull included) by three minutes.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private const string GenericStartError = "workspace start failed";

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Task> _running = [];

    // The newest job per workspace: an older job whose start finishes late must not record it.
    private readonly Dictionary<Guid, long> _latest = [];
    private long _generation;

    /// <summary>Queues a start after any start already running for the same workspace.</summary>
    public void Enqueue(ProvisionJob job)
    {
        lock (_gate)
        {
            var generation = ++_generation;
            _latest[job.WorkspaceId] = generation;
            var previous = _running.GetValueOrDefault(job.WorkspaceId, Task.CompletedTask);
            var run = previous
                .ContinueWith(_ => RunAsync(job, generation), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .Unwrap();
            _running[job.WorkspaceId] = run;
            run.ContinueWith(
                finished => Forget(job.WorkspaceId, finished),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>Completes when no start is queued or running for the workspace.</summary>
    public Task WhenSettledAsync(Guid workspaceId)
    {
        lock (_gate)
        {
            return _running.GetValueOrDefault(workspaceId, Task.CompletedTask);
        }
    }

    private bool IsLatest(Guid workspaceId, long generation)
    {
        lock (_gate)
        {
            return _latest.GetValueOrDefault(workspaceId) == generation;
        }
    }

    private void Forget(Guid workspaceId, Task finished)
    {
        lock (_gate)
        {
            if (_running.GetValueOrDefault(workspaceId) == finished)
            {
                _running.Remove(workspaceId);
                _latest.Remove(workspaceId);
            }
        }
    }

    private async Task RunAsync(ProvisionJob job, long generation)
    {
        try
        {
            await ProvisionAsync(job, generation, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Shutting down: the row stays provisioning and the timeout sweep settles it.
        }
        catch (Exception exception)
        {
            LogUnexpected(exception, job.WorkspaceId);
        }
    }

    private async Task ProvisionAsync(ProvisionJob job, long generation, CancellationToken stopping)
    {
        var workspace = await ReadProvisioningAsync(job.WorkspaceId, stopping);
        if (workspace is null || !IsLatest(job.WorkspaceId, generation))
        {
            return;
        }

        // The row decides (instance_id, else its compute_backend): a restart never moves a workspace
        // to whatever the default backend is today, away from its volumes.
        var backend = workspace.Backend;
        var compute = services.ForWorkspace<IWorkspaceCompute>(workspace);

        ProvisionResult result;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            timeout.CancelAfter(StartTimeout);
            try
            {
                var environment = new Dictionary<string, string>(await secrets.ReadMergedAsync(workspace.Id, timeout.Token));
                foreach (var (key, value) in job.Environment ?? new Dictionary<string, string>())
                {
                    environment[key] = value;
                }

                result = await compute.StartAsync(new ProvisionRequest(workspace, job.TemplatePath, environment, job.ResetConfig), timeout.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                result = ProvisionResult.Failed($"workspace start timed out after {StartTimeout.TotalMinutes:0} minutes");
            }
            catch (BackendNotAvailableException exception)
            {
                result = ProvisionResult.Failed(exception.Message);
            }
            catch (SecretDecryptionException exception)
            {
                // Nothing starts with half an environment. The log names the keys, never values.
                LogSecretsUnreadable(workspace.Id, string.Join(", ", exception.FailedKeys));
                result = ProvisionResult.Failed(exception.AnyGlobal ? "failed to decrypt global secret" : "failed to decrypt workspace secret");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogStartThrew(exception, workspace.Id, backend.ToWire());
                result = ProvisionResult.Failed(GenericStartError);
            }
        }

        var current = IsLatest(job.WorkspaceId, generation);
        if (result.Started)
        {
            await RecordStartedAsync(workspace, compute, current, result, stopping);
        }
        else if (current)
        {
            await RecordFailedAsync(workspace.Id, result.Error ?? GenericStartError, stopping);
        }
    }

    /// <summary>The workspace, when it is still waiting to be started.</summary>
    private async Task<WorkspaceRef?> ReadProvisioningAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WorkspaceRefRow>(new CommandDefinition(
            $"SELECT {WorkspaceRefRow.Columns} FROM workspaces WHERE id = @workspaceId AND status = 'provisioning'",
            new { workspaceId },
            cancellationToken: cancellationToken));
        return row?.ToRef();
    }

    private async Task RecordFailedAsync(Guid workspaceId, string error, CancellationToken cancellationToken)
    {
        var failed = await transitions.ApplyAsync(
            workspaceId,
            new StatusChange(WorkspaceTrigger.ProvisionFailed) { SampleError = error, Payload = WorkspaceEvents.Failed(error) },
            cancellationToken);
        if (failed is not null)
        {
            LogFailed(workspaceId, error);
        }
    }

    private async Task RecordStartedAsync(
        WorkspaceRef workspace, IWorkspaceCompute compute, bool current, ProvisionResult result, CancellationToken cancellationToken)
    {
        if (current)
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);

            // Status stays provisioning: the agent's register or first heartbeat brings it online —
            // possibly before this write (a local container starts fast), which is this start working,
            // not being overtaken. updated_at is left alone so the timeout sweep still counts from when
            // provisioning began.
            var recorded = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE workspaces SET url = COALESCE(@url, url), instance_id = COALESCE(@instanceId, instance_id)
                WHERE id = @id AND status IN ('provisioning', 'online', 'degraded')
                """,
                new { id = workspace.Id, url = result.Url, instanceId = result.InstanceId },
                cancellationToken: cancellationToken));
            if (recorded == 1)
            {
                return;
            }
        }

        // The workspace was restarted, paused or deleted while this start ran: what it started is stale.
        LogSuperseded(workspace.Id);
        var started = workspace with { InstanceId = result.InstanceId ?? workspace.InstanceId, Url = result.Url };
        try
        {
            await compute.StopAsync(started, cancellationToken);
        }
        catch (ComputeOperationException exception)
        {
            LogStaleStopFailed(workspace.Id, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace {WorkspaceId} failed to provision: {Error}")]
    private partial void LogFailed(Guid workspaceId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "workspace {WorkspaceId} cannot start: its secrets {Secrets} do not decrypt")]
    private partial void LogSecretsUnreadable(Guid workspaceId, string secrets);

    [LoggerMessage(Level = LogLevel.Error, Message = "starting workspace {WorkspaceId} on the {Backend} backend threw")]
    private partial void LogStartThrew(Exception exception, Guid workspaceId, string backend);

    [LoggerMessage(Level = LogLevel.Information, Message = "workspace {WorkspaceId} changed while it was starting; stopping what was started")]
    private partial void LogSuperseded(Guid workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not stop the superseded start of workspace {WorkspaceId}: {Error}")]
    private partial void LogStaleStopFailed(Guid workspaceId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "provisioning workspace {WorkspaceId} failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, Guid workspaceId);
}
