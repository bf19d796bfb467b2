using System.Text.Json;
using Dapper;
using GridGeo.Storage.Model;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Plans;

/// <summary>A plan run taken from the queue: the draft, what was asked, its communities and which attempt this is (1, 2, …).</summary>
public sealed record ClaimedPlanJob(long PlanId, PlanRequest Request, IReadOnlyList<string> Communities, int Attempt);

/// <summary>
/// The durable queue of plan runs (table <c>plan_jobs</c>, migration 0010), shared by every API process on the database.
/// A worker <see cref="ClaimAsync"/>s the oldest queued job (<c>FOR UPDATE SKIP LOCKED</c>, so two workers never take the
/// same one), beats its heartbeat while it runs, and finishes it. A job whose worker stopped beating for
/// <c>staleSeconds</c> — the process crashed or was killed — is claimed again and runs from the start (its half-written
/// rows cleared), until it has used <c>maxAttempts</c>; then it and its draft are failed with the reason. Jobs are made
/// through the write model (<see cref="PlanJobRow"/>); claiming and the heartbeat stay named SQL (<see cref="PlanJobSql"/>).
/// </summary>
public sealed class PlanJobStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new();

    public async Task EnqueueAsync(long planId, PlanRequest request, IReadOnlyList<string> communities, CancellationToken ct = default)
    {
        await using var write = await WriteSession.BeginAsync(dataSource, ct);
        write.Db.PlanJobs.Add(Job(planId, request, communities));
        await write.CommitAsync(ct);
    }

    /// <summary>The queued job of draft <paramref name="planId"/>, to add to a write (so that a draft and its job are made together).</summary>
    internal static PlanJobRow Job(long planId, PlanRequest request, IReadOnlyList<string> communities) =>
        new() { PlanId = planId, Request = JsonSerializer.Serialize(request, Json), Communities = communities.ToArray(), State = "queued" };

    /// <summary>
    /// Fails abandoned jobs that used their attempts (and their drafts, with the reason); then claims the next job for <paramref name="worker"/>, clearing what an interrupted attempt left; null when none waits.
    /// </summary>
    public async Task<ClaimedPlanJob?> ClaimAsync(string worker, double staleSeconds, int maxAttempts, CancellationToken ct = default)
    {
        await using (var write = await WriteSession.BeginAsync(dataSource, ct))
        {
            var abandoned = await write.Connection.QueryAsync<(long PlanId, string Error)>(new CommandDefinition(PlanJobSql.FailAbandoned,
                new { stale_seconds = staleSeconds, max_attempts = maxAttempts }, write.Transaction, cancellationToken: ct));
            foreach (var (planId, error) in abandoned)
            {
                await write.Connection.ExecuteAsync(new CommandDefinition(PlanJobSql.ClearDraft, new { plan_id = planId }, write.Transaction, cancellationToken: ct));
                await PlanStore.FailDraftAsync(write.Db, planId, error, ct);
            }
            await write.CommitAsync(ct);
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);

        await using var claim = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(long PlanId, string Request, string[] Communities, int Attempts)?>(
            new CommandDefinition(PlanJobSql.Claim, new { worker, stale_seconds = staleSeconds }, claim, cancellationToken: ct));
        if (row is null)
        {
            await claim.CommitAsync(ct);
            return null;
        }
        var (id, request, communities, attempts) = row.Value;
        if (attempts > 1) await conn.ExecuteAsync(new CommandDefinition(PlanJobSql.ClearDraft, new { plan_id = id }, claim, cancellationToken: ct));
        await claim.CommitAsync(ct);
        return new ClaimedPlanJob(id, JsonSerializer.Deserialize<PlanRequest>(request, Json)!, communities, attempts);
    }

    /// <summary>Renews the claim; false when the job is no longer this worker's (it was taken over as stale, or finished).</summary>
    public async Task<bool> HeartbeatAsync(long planId, string worker, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(PlanJobSql.Heartbeat, new { plan_id = planId, worker }, cancellationToken: ct)) == 1;
    }

    public async Task FinishAsync(long planId, string worker, string? error, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(PlanJobSql.Finish,
            new { plan_id = planId, worker, state = error is null ? "done" : "failed", error }, cancellationToken: ct));
    }

    /// <summary>Gives a job back to the queue (a graceful stop): another worker, or this service after a restart, runs it.</summary>
    public async Task ReleaseAsync(long planId, string worker, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(PlanJobSql.ClearDraft, new { plan_id = planId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(PlanJobSql.Release, new { plan_id = planId, worker }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>How many jobs are in each state (queued, running, done, failed).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(string State, int Count)>(new CommandDefinition(PlanJobSql.Counts, cancellationToken: ct)))
            .ToDictionary(r => r.State, r => r.Count);
    }
}
