namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Events.EventStore"/>, <see cref="Events.EventWriter"/> and <see cref="Events.EventRouting"/>.</summary>
internal static class EventSql
{
    /// <summary>
    /// Run first in a write's transaction: its commit waits for the WAL flush whatever the server's default (a cluster
    /// may run with <c>synchronous_commit = off</c>), so that "stored" means on disk. Only for that transaction.
    /// </summary>
    public const string DurableCommit = "select set_config('synchronous_commit', 'on', true)";

    /// <summary>Many new events (parallel arrays) and their audit entries in one statement; returns the transaction time.</summary>
    public const string InsertBatch = """
        with rows as (
          select * from unnest(@ids::uuid[], @categories::text[], @texts::text[], @lons::float8[], @lats::float8[], @addresses::text[],
                               @grids::text[], @units::text[], @assignees::bigint[], @whos::text[], @key_ids::bigint[])
                 as r(id, category, text, lon, lat, address, grid, unit, assignee, who, key_id)),
        e as (
          insert into events (id, category, text, location, address, reported_grid_code, grid_code, liaison_unit_code, assignee_id, reported_by, reporter_key_id, reported_at)
          select id, category, text, case when lon is null then null else st_setsrid(st_makepoint(lon, lat), 4326) end,
                 address, grid, grid, unit, assignee, who, key_id, now() from rows
          returning id),
        a as (
          insert into audit_log (who, at, action, entity, after)
          select who, now(), 'event.report', 'event/' || id, jsonb_build_object('grid', grid, 'assignee', assignee, 'category', category) from rows
          returning 1)
        select now() where (select count(*) from e) = (select count(*) from a)
        """;

    private const string Columns = """
        e.id, e.category, e.text, e.status, st_x(e.location), st_y(e.location), e.address, e.reported_grid_code, e.grid_code,
        e.liaison_unit_code, e.assignee_id, s.name, e.reported_by, e.reporter_key_id, e.reported_at, e.dispatched_at, e.accepted_at,
        e.resolved_at, e.rated_at, e.resolution, e.rating, e.rerouted_from
        """;

    public const string Get = "select " + Columns + " from events e left join staff s on s.id = e.assignee_id where e.id = @id";

    public const string List = "select " + Columns + """
         from events e left join staff s on s.id = e.assignee_id
        where (@grid::text is null or e.grid_code = @grid)
          and (@status::text is null or e.status = @status)
          and (@since::timestamptz is null or e.reported_at >= @since)
          and (@assignee::bigint is null or e.assignee_id = @assignee)
        order by e.reported_at desc, e.id
        limit @limit
        """;

    /// <summary>One step: status @from → @to with its time column, in one statement; no row when the status moved on.</summary>
    public const string Step = """
        update events set status = @to,
          dispatched_at = case when @to = 'dispatched' then now() else dispatched_at end,
          accepted_at = case when @to = 'accepted' then now() else accepted_at end,
          resolved_at = case when @to = 'resolved' then now() else resolved_at end,
          rated_at = case when @to = 'rated' then now() else rated_at end,
          assignee_id = coalesce(@assignee, assignee_id),
          resolution = coalesce(@resolution, resolution),
          rating = coalesce(@rating, rating)
        where id = @id and status = @from
        returning id
        """;

    public const string Audit = """
        insert into audit_log (who, action, entity, before, after) values (@who, @action, @entity, @before::jsonb, @after::jsonb)
        """;

    /// <summary>Open events per current grid, with a point inside the grid to draw the count at.</summary>
    public const string OpenByGrid = """
        select g.code, g.kind, count(e.id)::int, st_x(st_pointonsurface(g.boundary)), st_y(st_pointonsurface(g.boundary))
        from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        join events e on e.grid_code = g.code and e.status in ('reported', 'dispatched', 'accepted')
        where g.valid_to is null
          and (@has_box = false or g.boundary && st_makeenvelope(@minx, @miny, @maxx, @maxy, 4326))
        group by g.id
        order by g.code
        """;

    public const string OpenByWorker = """
        select s.id, s.name, s.role, s.street_code, count(e.id)::int
        from events e join staff s on s.id = e.assignee_id
        where e.status in ('reported', 'dispatched', 'accepted') and (@street::text is null or s.street_code = @street)
        group by s.id order by count(e.id) desc, s.id
        """;

    public const string HouseholdLocation = "select st_x(location), st_y(location) from households where id = @id";

    public const string CurrentGridIdsOfCommunity = """
        select g.id from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        where g.valid_to is null and g.community_code = @community
        """;

    /// <summary>
    /// Open events routed to a retired grid (@retired) go to the grid of @grid_ids covering them, its liaison unit and its
    /// grid worker; an accepted event whose person changes goes back to dispatched for the new person to accept.
    /// </summary>
    public const string Reroute = """
        with moved as (
          select e.id, e.grid_code as old_code, n.code as new_code,
                 (select l.code from liaison_units l where l.plan_id = n.plan_id and l.grid_code = n.code
                    and l.boundary is not null and st_covers(l.boundary, e.location) order by l.code limit 1) as unit,
                 (select a.staff_id from staff_assignments a join staff s on s.id = a.staff_id and s.role = 'grid_worker'
                   where a.code = n.code order by a.staff_id limit 1) as worker
          from events e
          left join lateral (select g.code, g.plan_id from grids g where g.id = any(@grid_ids) and st_covers(g.boundary, e.location)
                             order by g.code limit 1) n on true
          where e.status in ('reported', 'dispatched', 'accepted') and e.grid_code = any(@retired) and e.location is not null)
        update events e set grid_code = m.new_code, liaison_unit_code = m.unit, assignee_id = m.worker,
               rerouted_from = m.old_code,
               status = case when e.status = 'accepted' and m.worker is distinct from e.assignee_id then 'dispatched' else e.status end
        from moved m where e.id = m.id
        returning e.id, m.old_code, m.new_code
        """;
}
