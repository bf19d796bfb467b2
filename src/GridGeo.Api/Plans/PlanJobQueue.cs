using System.Threading.Channels;
using GridGeo.Api.Locate;
using GridGeo.Storage.Plans;

namespace GridGeo.Api.Plans;

/// <summary>A partition run waiting for the background worker: the draft's id, the request and its communities.</summary>
public sealed record PlanJob(long PlanId, PlanRequest Request, IReadOnlyList<string> Communities);

/// <summary>
/// Runs partition plans one at a time in the background (a run uses every core), in the order they were asked
/// for. A run that fails is recorded on its plan by <see cref="PlanRunner"/>; a run cut short by a shutdown
/// leaves an incomplete draft whose error says so.
/// </summary>
public sealed class PlanJobQueue(PlanRunner runner, PlanStore plans, ILogger<PlanJobQueue> log) : BackgroundService
{
    private readonly Channel<PlanJob> _jobs = Channel.CreateUnbounded<PlanJob>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(PlanJob job)
    {
        if (!_jobs.Writer.TryWrite(job)) throw new InvalidOperationException("the plan queue is closed");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (job.Request.Kind == PlanKinds.Rebalance)
                {
                    var r = await runner.RebalanceAsync(job.PlanId, job.Request, job.Communities, stoppingToken);
                    log.LogInformation("plan {Plan} (rebalance): {Grids} grids, {Changed} changed, {Moved} households moved, {Seconds} s", job.PlanId, r.GridsAfter, r.Changed, r.HouseholdsMoved, r.Seconds);
                    continue;
                }
                var summary = await runner.RunAsync(job.PlanId, job.Request, job.Communities, stoppingToken);
                log.LogInformation("plan {Plan}: {Grids} grids, {Share:P1} of basic grids in bounds, {Seconds} s", job.PlanId, summary.Grids, summary.InBoundsShare, summary.Seconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await plans.FailAsync(job.PlanId, "the service stopped before the run finished; start a new plan", CancellationToken.None);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "plan {Plan} failed", job.PlanId);
            }
        }
    }
}
