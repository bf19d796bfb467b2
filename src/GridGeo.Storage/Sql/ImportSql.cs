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

    /// <summary>Whether any building or household is stored (then a load must not take locks that readers wait for).</summary>
    public const string AnyDistrictRows = "select exists (select 1 from buildings) or exists (select 1 from households)";

    /// <summary>The foreign keys a table holds, with their definitions.</summary>
    public const string ForeignKeys = """
        select conname, pg_get_constraintdef(oid) from pg_constraint
        where conrelid = @table::regclass and contype = 'f' order by conname
        """;

    /// <summary>The primary key and unique constraints of a table that no foreign key refers to.</summary>
    public const string UnreferencedKeys = """
        select c.conname, pg_get_constraintdef(c.oid) from pg_constraint c
        where c.conrelid = @table::regclass and c.contype in ('p', 'u')
          and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = c.conrelid)
        order by c.conname
        """;

    /// <summary>The indexes of a table that back no constraint.</summary>
    public const string PlainIndexes = """
        select i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = current_schema() and i.tablename = @table
          and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
        order by i.indexname
        """;

    /// <summary>Sorting a million rows' trigrams in memory instead of in batches roughly halves the address index build.</summary>
    public const string BulkMemory = "set local maintenance_work_mem = '1GB'";

    public const string Analyze = "analyze households; analyze buildings; analyze communities";
}
