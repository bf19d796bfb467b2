namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Import.BundleImporter"/>. <c>@counties</c> is the district: the counties of the bundle's communities.</summary>
internal static class ImportSql
{
    /// <summary>Dependents first, so that no foreign key is left dangling.</summary>
    public static readonly string[] DeleteDistrict =
    [
        "delete from households where county_code = any(@counties)",
        "delete from buildings where county_code = any(@counties)",
        "delete from compounds where county_code = any(@counties)",
        "delete from dedicated_areas where county_code = any(@counties)",
        "delete from barriers where county_code = any(@counties)",
        "delete from communities where left(code, 6) = any(@counties)",
        "delete from streets where county_code = any(@counties)",
        "delete from counties where code = any(@counties)",
    ];

    /// <summary>Names of counties and streets survive a re-import; new ones are named by their code.</summary>
    public const string KeptNames = """
        select code, name from counties where code = any(@counties)
        union all
        select code, name from streets where county_code = any(@counties)
        """;

    public const string CopyCounties = "copy counties (code, name) from stdin (format binary)";
    public const string CopyStreets = "copy streets (code, county_code, name) from stdin (format binary)";
    public const string CopyCommunities = "copy communities (code, street_code, name, boundary) from stdin (format binary)";
    public const string CopyCompounds = "copy compounds (id, county_code, community_code, name, boundary) from stdin (format binary)";
    public const string CopyDedicated = "copy dedicated_areas (id, county_code, kind, name, community_code, boundary) from stdin (format binary)";
    public const string CopyBarriers = "copy barriers (county_code, kind, line) from stdin (format binary)";

    public const string CopyBuildings = """
        copy buildings (id, county_code, community_code, compound_id, dedicated_id, households, units, floors, address, location)
        from stdin (format binary)
        """;

    public const string CopyHouseholds = """
        copy households (id, county_code, building_id, unit, floor, room, address, location) from stdin (format binary)
        """;

    public const string UnionStreets = """
        update streets s set boundary = u.boundary
        from (select street_code, st_union(boundary) as boundary from communities
              where left(code, 6) = any(@counties) group by street_code) u
        where s.code = u.street_code
        """;

    public const string UnionCounties = """
        update counties c set boundary = u.boundary
        from (select county_code, st_union(boundary) as boundary from streets
              where county_code = any(@counties) group by county_code) u
        where c.code = u.county_code
        """;

    /// <summary>The secondary indexes of a table, so a large load can drop them and build them once afterwards.</summary>
    public const string SecondaryIndexes = """
        select i.indexname, i.indexdef from pg_indexes i
        join pg_index x on x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
        where i.schemaname = current_schema() and i.tablename = @table and not x.indisprimary and not x.indisunique
        """;

    public const string Analyze = "analyze households; analyze buildings; analyze communities";
}
