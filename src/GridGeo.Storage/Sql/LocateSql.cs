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

    /// <summary>Counts the statements that changed households, buildings or compounds (migration 0020): the door-plate index's fingerprint.</summary>
    public const string AddressesVersion = "select version from data_versions where name = 'addresses'";

    /// <summary>Every building for the door-plate index: id, address, its compound's name, lon, lat, and the code of
    /// its community (its county when it stands outside every community).</summary>
    public const string DoorPlateBuildings = """
        select b.id, b.address, c.name, st_x(b.location), st_y(b.location), coalesce(b.community_code, b.county_code)
        from buildings b left join compounds c on c.id = b.compound_id
        """;

    /// <summary>Every household for the door-plate index: id, building, unit, room, address.</summary>
    public const string DoorPlateHouseholds = "select id, building_id, unit, room, address from households";

    /// <summary>(household id, liaison unit code) for every member of a liaison unit of a current grid.</summary>
    public const string CurrentLiaisonMembers = """
        select unnest(l.members), l.code
        from liaison_units l
        join grids g on g.plan_id = l.plan_id and g.code = l.grid_code and g.valid_to is null
        join plans p on p.id = l.plan_id and p.status = 'published'
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

}
