namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Plans.PlanStore"/>.</summary>
internal static class PlanSql
{
    public const string Get = """
        select id, status, kind, params::text, summary::text, progress, error, created_by, created_at, completed_at, published_at,
               (select count(*) from grids g where g.plan_id = p.id)::int as grids
        from plans p where id = @id
        """;

    public const string CopyGrids = """
        copy grids (plan_id, code, community_code, kind, dedicated_kind, boundary, households, buildings) from stdin (format binary)
        """;

    public const string CopyLiaisonUnits = """
        copy liaison_units (plan_id, code, grid_code, households, members, boundary) from stdin (format binary)
        """;

    /// <summary>
    /// A member <c>"id"</c> is the whole building; <c>"id#unit"</c> one stair unit, whose households are the
    /// stored households of that unit, or the building's count spread evenly over its units.
    /// </summary>
    public const string InsertMembers = """
        insert into grid_members (grid_id, building_id, unit, households)
        select m.grid_id, m.building_id, m.unit,
               case when m.unit is null then coalesce(b.households, 0)
                    else coalesce(nullif((select count(*) from households h where h.building_id = m.building_id and h.unit = m.unit), 0),
                                  b.households / b.units + case when m.unit <= b.households % b.units then 1 else 0 end, 0)
               end
        from (select g.id as grid_id, split_part(x, '#', 1) as building_id, nullif(split_part(x, '#', 2), '')::int as unit
              from grids g cross join lateral unnest(g.buildings) as x
              where g.plan_id = @plan_id) m
        left join buildings b on b.id = m.building_id
        """;

    public const string LockPlan = "select status, completed_at is not null from plans where id = @id for update";

    /// <summary>Current grids of other published plans in the communities the new plan covers end now.</summary>
    public const string EndReplacedGrids = """
        update grids g set valid_to = now()
        from plans p
        where g.plan_id = p.id and p.status = 'published' and p.id <> @id and g.valid_to is null
          and g.community_code in (select distinct community_code from grids where plan_id = @id)
        """;

    public const string RetireEmptiedPlans = """
        update plans p set status = 'retired'
        where p.status = 'published' and p.id <> @id
          and not exists (select 1 from grids g where g.plan_id = p.id and g.valid_to is null)
        returning p.id
        """;

    public const string StartGrids = "update grids set valid_from = now(), valid_to = null where plan_id = @id";

    public const string MarkPublished = "update plans set status = 'published', published_at = now() where id = @id";

    /// <summary>The columns <see cref="Plans.PlanStore"/> reads a grid from, over the current grids <c>g</c>.</summary>
    private const string GridColumns = """
        g.id, g.plan_id, g.code, g.community_code, g.kind, g.dedicated_kind, g.households, g.buildings,
        g.boundary, g.locked, g.version, g.valid_from, g.valid_to
        """;

    private const string CurrentGridsFrom = """
        from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        where g.valid_to is null
        """;

    public const string CurrentGrids = "select " + GridColumns + " " + CurrentGridsFrom + """

          and (@has_box = false or g.boundary && st_makeenvelope(@minx, @miny, @maxx, @maxy, 4326))
          and (@community::text is null or g.community_code = @community)
          and (@kind::text is null or g.kind = @kind)
        order by g.code
        """;

    public const string CurrentGrid = "select " + GridColumns + " " + CurrentGridsFrom + " and g.code = @code";

    public const string PlanGrids = "select " + GridColumns + " from grids g where g.plan_id = @plan_id order by g.code";

    public const string CurrentGridsOfCommunities = "select " + GridColumns + " " + CurrentGridsFrom + """

          and g.community_code = any(@communities)
        order by g.code
        """;

    public const string GridsById = "select " + GridColumns + " from grids g where g.id = any(@ids) order by g.code";

    public const string LockGrids = "update grids set locked = true where plan_id = @plan_id and code = any(@codes)";

    /// <summary>How many of the grids (@ids with @versions) are still current at the same version.</summary>
    public const string StillCurrent = """
        select count(*)::int from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        join unnest(@ids::bigint[], @versions::int[]) as b(id, version) on b.id = g.id and b.version = g.version
        where g.valid_to is null
        """;

    /// <summary>Households of each member (<c>id</c> or <c>id#unit</c>) of the grids @ids.</summary>
    public const string MemberHouseholds = """
        select m.building_id || coalesce('#' || m.unit::text, ''), m.households from grid_members m where m.grid_id = any(@ids)
        """;

    public const string Neighbours = """
        select n.code, n.kind, n.households,
               st_length(st_intersection(st_boundary(g.boundary), st_boundary(n.boundary))::geography) as shared_m
        from grids g
        join grids n on n.plan_id = g.plan_id and n.id <> g.id and n.valid_to is not distinct from g.valid_to
                    and st_intersects(g.boundary, n.boundary)
        where g.id = @id
        order by n.code
        """;

    public const string GridContext = """
        select m.name, s.code, s.name, c.code, c.name,
               (select count(*) from liaison_units l where l.plan_id = g.plan_id and l.grid_code = g.code)::int
        from grids g
        left join communities m on m.code = g.community_code
        left join streets s on s.code = left(g.community_code, 9)
        left join counties c on c.code = left(g.community_code, 6)
        where g.id = @id
        """;

    /// <summary>Digests of each community's stored boundary and name, buildings and households (what a plan is computed from).</summary>
    public const string DistrictDigests = """
        select x.code,
               (select md5(st_asewkb(c.boundary)::text || c.name || c.street_code) from communities c where c.code = x.code),
               (select md5(coalesce(string_agg(b.id || ':' || b.households || ':' || b.units || ':' || coalesce(b.compound_id, '') || ':'
                                               || coalesce(b.dedicated_id, '') || ':' || st_asewkb(b.location)::text, ',' order by b.id), ''))
                from buildings b where b.community_code = x.code),
               (select count(*)::int from buildings b where b.community_code = x.code),
               (select md5(coalesce(string_agg(h.id || ':' || h.building_id || ':' || h.unit || ':' || st_asewkb(h.location)::text, ',' order by h.id), ''))
                from households h join buildings b on b.id = h.building_id where b.community_code = x.code),
               (select count(*)::int from households h join buildings b on b.id = h.building_id where b.community_code = x.code)
        from unnest(@codes::text[]) as x(code)
        order by x.code
        """;

    public const string ComputedFrom = "select district::text, replaces::text from plans where id = @id";

    public const string PlanCommunities = "select distinct community_code from grids where plan_id = @id order by community_code";

    /// <summary>The current grids of the communities, locked in code order (the order edits lock them in) until the transaction ends.</summary>
    public const string LockCurrentGridsOfCommunities = """
        select g.id from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        where g.valid_to is null and g.community_code = any(@communities)
        order by g.code
        for update of g
        """;

    /// <summary>The stored communities, share-locked so that no import replaces them until the transaction ends.</summary>
    public const string ShareLockCommunities = "select code from communities where code = any(@communities) order by code for share";

    public const string CurrentGridVersions = """
        select g.id, g.code, g.version from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        where g.valid_to is null and g.community_code = any(@communities)
        order by g.code
        """;
}
