using System.Diagnostics;
using GridGeo.Storage.Plans;

namespace GridGeo.Api.Plans;

/// <summary>
/// Settings of the plan worker, section <c>GridGeo:Plans</c>: <c>HeartbeatSeconds</c> (default 5) how often a running
/// job's claim is renewed, <c>StaleAfterSeconds</c> (default 30) after how long without a heartbeat a running job is
/// taken as abandoned (its process crashed) and run again, <c>MaxAttempts</c> (default 2) how many starts a job gets
/// before it is failed with the reason, <c>PollSeconds</c> (default 2) how often the shared queue is looked at when this
/// process has not been told of new work, and <c>RunWorker</c> (default true) whether this process runs plans at all.
/// </summary>
public sealed record PlanWorkerOptions(double HeartbeatSeconds, double StaleAfterSeconds, int MaxAttempts, double PollSeconds, bool RunWorker)
{
    public const string Section = "GridGeo:Plans";

    public static PlanWorkerOptions From(IConfiguration configuration)
    {
        var o = new PlanWorkerOptions(
            configuration.GetValue<double?>($"{Section}:HeartbeatSeconds") ?? 5,
            configuration.GetValue<double?>($"{Section}:StaleAfterSeconds") ?? 30,
            configuration.GetValue<int?>($"{Section}:MaxAttempts") ?? 2,
            configuration.GetValue<double?>($"{Section}:PollSeconds") ?? 2,
            configuration.GetValue<bool?>($"{Section}:RunWorker") ?? true);
        if (o.HeartbeatSeconds <= 0 || o.StaleAfterSeconds < 2 * o.HeartbeatSeconds)
            throw new InvalidOperationException($"{Section}: HeartbeatSeconds must be > 0 and StaleAfterSeconds at least twice it ({o.HeartbeatSeconds}, {o.StaleAfterSeconds})");
        if (o.MaxAttempts < 1 || o.PollSeconds <= 0) throw new InvalidOperationException($"{Section}: MaxAttempts must be ≥ 1 and PollSeconds > 0");
        return o;
    }
}

/// <summary>
/// Runs plans from the durable queue (<see cref="PlanJobStore"/>, table <c>plan_jobs</c>) one at a time in this process
/// (a run uses every core), oldest first; several API processes share the queue. While a run goes on, its heartbeat is
/// renewed; if this process dies, another (or this one after a restart) takes the job up again once the heartbeat is
/// stale, or fails it with the reason after <see cref="PlanWorkerOptions.MaxAttempts"/>. A graceful stop gives the
/// running job back to the queue. A run that fails is recorded on its plan by <see cref="PlanRunner"/>.
/// </summary>
public sealed class PlanJobQueue(PlanRunner runner, PlanStore plans, PlanJobStore jobs, PlanWorkerOptions options, ILogger<PlanJobQueue> log)
    : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>This worker's name on the jobs it claims: host and process id.</summary>
    public string Worker { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Tells the worker that a job was queued (<see cref="PlanRunner.CreateDraftAsync(PlanRequest, IReadOnlyList{string}, string?, bool, CancellationToken)"/>), so that it need not wait for its poll.</summary>
    public void Wake() => _wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RunWorker) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            ClaimedPlanJob? job;
            try
            {
                job = await jobs.ClaimAsync(Worker, options.StaleAfterSeconds, options.MaxAttempts, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down for a while: try again later, the jobs wait in it.
                log.LogWarning("plan queue: cannot claim a job ({Error}); trying again", ex.Message);
                job = null;
            }
            if (job is null)
            {
                try { await _wake.WaitAsync(TimeSpan.FromSeconds(options.PollSeconds), stoppingToken); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            await RunAsync(job, stoppingToken);
        }
    }

    private async Task RunAsync(ClaimedPlanJob job, CancellationToken stoppingToken)
    {
        var plan = await plans.GetAsync(job.PlanId, stoppingToken);
        if (plan is null || plan.Status != PlanStatuses.Draft)
        {
            await jobs.FinishAsync(job.PlanId, Worker, null, CancellationToken.None);
            return;
        }
        if (job.Attempt > 1) log.LogWarning("plan {Plan}: taken up again (attempt {Attempt}) after its worker stopped", job.PlanId, job.Attempt);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var lost = false;
        var heartbeat = Task.Run(async () =>
        {
            while (!run.Token.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(options.HeartbeatSeconds), run.Token);
                    if (!await jobs.HeartbeatAsync(job.PlanId, Worker, run.Token))
                    {
                        lost = true;
                        await run.CancelAsync();
                    }
                }
                catch (OperationCanceledException) { return; }
                catch (Exception ex) { log.LogWarning("plan {Plan}: heartbeat failed ({Error})", job.PlanId, ex.Message); }
            }
        }, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        try
        {
            var summary = await runner.RunAsync(job.PlanId, job.Request, job.Communities, run.Token);
            await run.CancelAsync();
            await jobs.FinishAsync(job.PlanId, Worker, null, CancellationToken.None);
            log.LogInformation("plan {Plan}: {Grids} grids, {Share:P1} of basic grids in bounds, {Seconds} s", job.PlanId, summary.Grids, summary.InBoundsShare, summary.Seconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A graceful stop: the job goes back to the queue and runs again on the next start (or on another process).
            await jobs.ReleaseAsync(job.PlanId, Worker, CancellationToken.None);
            log.LogInformation("plan {Plan}: given back to the queue as the service stops", job.PlanId);
        }
        catch (OperationCanceledException) when (lost)
        {
            log.LogWarning("plan {Plan}: another worker took the job over after {Seconds:F0} s without a heartbeat; this run stops", job.PlanId, clock.Elapsed.TotalSeconds);
        }
        catch (Exception ex)
        {
            await run.CancelAsync();
            await jobs.FinishAsync(job.PlanId, Worker, ex.Message, CancellationToken.None);
            log.LogWarning(ex, "plan {Plan} failed", job.PlanId);
        }
        finally
        {
            await heartbeat;
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
