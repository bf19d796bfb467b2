namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Lookup.LocateStore"/>.</summary>
internal static class LocateSql
{
    /// <summary>
    /// A cheap fingerprint of everything the in-memory locator holds: the current grids, the liaison units of
    /// published plans and the area names. Any insert, update or delete of those rows changes a count or the sum of
    /// row ids or transaction ids (<c>xmin</c>), so a changed fingerprint means "rebuild".
    /// </summary>
    public const string Fingerprint = """
        select concat_ws('|',
          (select count(*) || ':' || coalesce(sum(g.id), 0) || ':' || coalesce(sum(g.xmin::text::bigint), 0)
             from grids g join plans p on p.id = g.plan_id and p.status = 'published' where g.valid_to is null),
          (select count(*) || ':' || coalesce(sum(l.xmin::text::bigint), 0)
             from liaison_units l join plans p on p.id = l.plan_id and p.status = 'published'),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from communities),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from streets),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from counties))
        """;

    /// <summary>The liaison units of the current grids: code, grid code, households, outline (EWKB or null).</summary>
    public const string CurrentLiaisonUnits = """
        select l.code, l.grid_code, l.households, st_asewkb(l.boundary)
        from liaison_units l
        join grids g on g.plan_id = l.plan_id and g.code = l.grid_code and g.valid_to is null
        join plans p on p.id = l.plan_id and p.status = 'published'
        order by l.code
        """;

    /// <summary>Every county, street and community: level (0, 1, 2), code and name.</summary>
    public const string AreaNames = """
        select 0, code, name from counties
        union all select 1, code, name from streets
        union all select 2, code, name from communities
        """;

    /// <summary>
    /// Households whose address key equals the query's (score 1) and, after them, those whose key is
    /// trigram-similar (score = pg_trgm similarity, at least the session's <c>pg_trgm.similarity_threshold</c>),
    /// verbatim matches first. Each with the current grid of its building (or stair unit), else the current grid
    /// covering its location (lowest code), and its liaison unit in that grid's plan.
    /// </summary>
    public const string SearchAddresses = """
        with k as (select @key::text as key),
        hits as (
          (select h.id, h.building_id, h.unit, h.address, h.location, 1.0::real as score, h.address = @q as verbatim
             from households h where h.address_key = (select key from k)
             order by h.address = @q desc, h.id limit @limit)
          union all
          (select h.id, h.building_id, h.unit, h.address, h.location, similarity(h.address_key, (select key from k)), false
             from households h
            where h.address_key % (select key from k) and h.address_key <> (select key from k)
            order by similarity(h.address_key, (select key from k)) desc, h.id limit @limit)
        )
        select hit.address, hit.id, hit.building_id, hit.score, coalesce(gm.code, gs.code), lu.code
        from hits hit
        left join lateral (
            select g.code, g.plan_id from grid_members m
            join grids g on g.id = m.grid_id and g.valid_to is null
            join plans p on p.id = g.plan_id and p.status = 'published'
            where m.building_id = hit.building_id and (m.unit is null or m.unit = hit.unit)
            order by g.code limit 1) gm on true
        left join lateral (
            select g.code, g.plan_id from grids g
            join plans p on p.id = g.plan_id and p.status = 'published'
            where gm.code is null and g.valid_to is null and st_covers(g.boundary, hit.location)
            order by g.code limit 1) gs on true
        left join lateral (
            select l.code from liaison_units l
            where l.plan_id = coalesce(gm.plan_id, gs.plan_id) and l.grid_code = coalesce(gm.code, gs.code)
              and hit.id = any(l.members)
            limit 1) lu on true
        order by hit.verbatim desc, hit.score desc, hit.id
        limit @limit
        """;

    public const string SetThreshold = "select set_config('pg_trgm.similarity_threshold', @threshold, true)";
}
