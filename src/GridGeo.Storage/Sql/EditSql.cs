namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Editing.GridEditStore"/>.</summary>
internal static class EditSql
{
    public const string CommunityOfGrid = """
        select g.community_code from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        where g.valid_to is null and g.code = @code
        """;

    /// <summary>The stored community's boundary (null when it is not stored) and the transaction's time (an edit's <c>valid_from</c>/<c>valid_to</c>).</summary>
    public const string CommunityBoundaryAndNow = "select (select boundary from communities where code = @community), now()";

    /// <summary>Every current grid of a community (whole rows, for the write model), locked against concurrent edits until the transaction ends.</summary>
    public const string LockCommunityGrids = """
        select g.*
        from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        where g.valid_to is null and g.community_code = @community
        order by g.code
        for update of g
        """;

    public const string Members = """
        select m.grid_id, m.building_id, m.unit, m.households, b.location
        from grid_members m left join buildings b on b.id = m.building_id
        where m.grid_id = any(@ids)
        """;

    /// <summary>The first sequence number no grid of the community has ever had, in any plan.</summary>
    public const string NextSequence = """
        select coalesce(max(right(code, 3)::int), 0) + 1 from grids where community_code = @community
        """;

    public const string DeleteMembers = "delete from grid_members where grid_id = @id";

    public const string InsertMembers = """
        insert into grid_members (grid_id, building_id, unit, households)
        select @id, split_part(n, '#', 1), nullif(split_part(n, '#', 2), '')::int, h
        from unnest(@names::text[], @households::int[]) as m(n, h)
        """;

    public const string DeleteLiaisonUnits = "delete from liaison_units where plan_id = @plan_id and grid_code = any(@codes)";

    /// <summary>The liaison sizes a plan was made with (<c>{"target","min","max"}</c>), or null.</summary>
    public const string PlanLiaisonSizes = "select (params -> 'liaison')::text from plans where id = @plan_id";

    public const string History = """
        select id, who, at, action, entity, before::text, after::text, grids
        from audit_log where @code = any(grids)
        order by at, id
        """;

    /// <summary>The earliest change that took grid @code off version @version: its before state is that version.</summary>
    public const string ChangeFromVersion = """
        select id, who, at, action, entity, before::text, after::text, grids
        from audit_log
        where @code = any(grids)
          and before @> jsonb_build_object('grids', jsonb_build_array(jsonb_build_object('code', @code::text, 'version', @version::int)))
        order by at, id
        limit 1
        """;
}
