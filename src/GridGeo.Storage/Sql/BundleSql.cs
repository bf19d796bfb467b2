namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Bundles.BundleStore"/>; <c>@codes</c> are the community codes asked for.</summary>
internal static class BundleSql
{
    public const string StreetCommunities = "select code from communities where street_code = @street order by code";

    public const string Communities = """
        select code, name, street_code, boundary from communities where code = any(@codes) order by code
        """;

    public const string Buildings = """
        select id, community_code, compound_id, dedicated_id, households, units, floors, address, location
        from buildings where community_code = any(@codes) order by id
        """;

    public const string Households = """
        select h.id, h.building_id, h.unit, h.floor, h.room, st_x(h.location), st_y(h.location), h.address
        from households h join buildings b on b.id = h.building_id
        where b.community_code = any(@codes) order by h.id
        """;

    private const string Area = "(select st_union(boundary) from communities where code = any(@codes))";

    public const string Compounds = "select id, name, community_code, boundary from compounds where st_intersects(boundary, " + Area + ") order by id";

    public const string Dedicated = """
        select id, kind, name, community_code, boundary from dedicated_areas
        where st_intersects(boundary, 
        """ + Area + ") order by id";

    public const string Barriers = "select kind, line from barriers where st_intersects(line, " + Area + ") order by id";
}
