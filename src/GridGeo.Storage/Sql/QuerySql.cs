namespace GridGeo.Storage.Sql;

/// <summary>The read statements of <see cref="Queries.AdminAreaStore"/> and <see cref="Queries.BuildingStore"/>.</summary>
internal static class QuerySql
{
    public const string Counties = """
        select c.code, c.name, null::text as parent_code, c.boundary,
               coalesce((select sum(b.households) from buildings b where b.county_code = c.code), 0)::bigint as households
        from counties c order by c.code
        """;

    public const string Streets = """
        select s.code, s.name, s.county_code as parent_code, s.boundary,
               coalesce((select sum(b.households) from buildings b join communities m on m.code = b.community_code
                         where m.street_code = s.code), 0)::bigint as households
        from streets s order by s.code
        """;

    public const string Communities = """
        select m.code, m.name, m.street_code as parent_code, m.boundary,
               coalesce((select sum(b.households) from buildings b where b.community_code = m.code), 0)::bigint as households
        from communities m order by m.code
        """;

    /// <summary>The box is built once and compared with <c>&amp;&amp;</c> so that the GiST index on location is used.</summary>
    public const string BuildingsInBox = """
        select id, community_code, compound_id, dedicated_id, households, units, floors, address, location
        from buildings
        where location && st_makeenvelope(@minx, @miny, @maxx, @maxy, 4326)
        order by id
        limit @limit
        """;
}
