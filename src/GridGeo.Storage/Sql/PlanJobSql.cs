namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Plans.PlanJobStore"/>: the durable queue of plan runs.</summary>
internal static class PlanJobSql
{
    /// <summary>Running jobs whose worker stopped beating and that used their attempts: failed, with the reason.</summary>
    public const string FailAbandoned = """
        update plan_jobs set state = 'failed', finished_at = now(),
               error = 'the run was interrupted ' || attempts || ' time(s) (the process running it stopped without finishing); start a new plan'
        where state = 'running' and heartbeat_at < now() - make_interval(secs => @stale_seconds) and attempts >= @max_attempts
        returning plan_id, error
        """;

    /// <summary>The oldest job that is queued, or running with a stale heartbeat (its worker crashed), is claimed by @worker.</summary>
    public const string Claim = """
        with next as (
            select plan_id from plan_jobs
            where state = 'queued' or (state = 'running' and heartbeat_at < now() - make_interval(secs => @stale_seconds))
            order by created_at, plan_id
            limit 1
            for update skip locked)
        update plan_jobs j set state = 'running', attempts = j.attempts + 1, worker = @worker, heartbeat_at = now()
        from next where j.plan_id = next.plan_id
        returning j.plan_id, j.request::text, j.communities, j.attempts
        """;

    public const string Heartbeat = """
        update plan_jobs set heartbeat_at = now() where plan_id = @plan_id and worker = @worker and state = 'running'
        """;

    public const string Finish = """
        update plan_jobs set state = @state, error = @error, finished_at = now()
        where plan_id = @plan_id and worker = @worker and state = 'running'
        """;

    /// <summary>A job given back by a worker that stops gracefully: queued again, the attempt not counted.</summary>
    public const string Release = """
        update plan_jobs set state = 'queued', worker = null, heartbeat_at = null, attempts = greatest(attempts - 1, 0)
        where plan_id = @plan_id and worker = @worker and state = 'running'
        """;

    /// <summary>A draft's half-written rows from an interrupted attempt: gone before it runs again or is failed.</summary>
    public const string ClearDraft = """
        with g as (delete from grids where plan_id = @plan_id and exists (select 1 from plans where id = @plan_id and status = 'draft')),
             l as (delete from liaison_units where plan_id = @plan_id and exists (select 1 from plans where id = @plan_id and status = 'draft'))
        update plans set progress = 0, completed_at = null, summary = null, error = null where id = @plan_id and status = 'draft'
        """;

    public const string Counts = "select state, count(*)::int from plan_jobs group by state";
}
