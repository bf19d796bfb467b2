namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Editing.GridEditStore"/>.</summary>
internal static class EditSql
{
    public const string BuildingsById = """
        select id, community_code, compound_id, dedicated_id, households, units, floors, address, st_asewkb(location) as location
        from buildings
        where id = any(@ids)
        """;

    /// <summary>Changes a current grid only if its version is still the one the editor read (optimistic lock).</summary>
    public const string UpdateGrid = """
        update grids
        set boundary = st_geomfromewkb(@boundary), households = @households, buildings = @buildings, version = version + 1
        where id = @id and version = @version and valid_to is null and not locked
        """;

    public const string DeleteMembers = "delete from grid_members where grid_id = any(@ids)";

    /// <summary>The member rows of the given grids, with households as <see cref="PlanSql.InsertMembers"/> counts them.</summary>
    public const string InsertMembers = """
        insert into grid_members (grid_id, building_id, unit, households)
        select m.grid_id, m.building_id, m.unit,
               case when m.unit is null then coalesce(b.households, 0)
                    else coalesce(nullif((select count(*) from households h where h.building_id = m.building_id and h.unit = m.unit), 0),
                                  b.households / b.units + case when m.unit <= b.households % b.units then 1 else 0 end, 0)
               end
        from (select g.id as grid_id, split_part(x, '#', 1) as building_id, nullif(split_part(x, '#', 2), '')::int as unit
              from grids g cross join lateral unnest(g.buildings) as x
              where g.id = any(@ids)) m
        left join buildings b on b.id = m.building_id
        """;
}
