using System.Collections.Concurrent;
using GridGeo.Storage.Layers;

namespace GridGeo.Storage.Sql;

/// <summary>
/// The statements of <see cref="LayerStore"/>, composed once per <see cref="FeatureLayer"/> from its constant SQL
/// fragments (never from request text). Box filters compare the geometry column with an envelope built once, so
/// that the GiST index on the WGS84 column is used; tiles transform the tile envelope to 4326 for the same reason.
/// </summary>
internal static class LayerSql
{
    /// <summary>Parameters: @has_box, @minx…@maxy, @community, @street, @id_prefix.</summary>
    private const string Filters = """
          and (@has_box = false or {geom} && st_makeenvelope(@minx, @miny, @maxx, @maxy, 4326))
          and (@community::text is null or {community} = @community)
          and (@street::text is null or left({community}, 9) = @street)
          and (@id_prefix::text is null or starts_with({id}, @id_prefix))
        """;

    private static readonly ConcurrentDictionary<(string, string), string> Cache = new();

    /// <summary>id, EWKB geometry, then the properties; filtered, in id order, with @limit (null = all) and @offset.</summary>
    public static string Features(FeatureLayer l) => Cache.GetOrAdd((l.Name, nameof(Features)), _ =>
        $"select {l.IdColumn}, st_asewkb({l.GeometryColumn}), {string.Join(", ", l.Properties.Select(p => p.Sql))} " +
        $"from {l.From} {Filter(l)} order by {l.IdColumn} limit @limit offset @offset");

    /// <summary>How many features match the filters.</summary>
    public static string Count(FeatureLayer l) => Cache.GetOrAdd((l.Name, nameof(Count)), _ =>
        $"select count(*) from {l.From} {Filter(l)}");

    /// <summary>One feature by id (@id), same columns as <see cref="Features"/>.</summary>
    public static string Feature(FeatureLayer l) => Cache.GetOrAdd((l.Name, nameof(Feature)), _ =>
        $"select {l.IdColumn}, st_asewkb({l.GeometryColumn}), {string.Join(", ", l.Properties.Select(p => p.Sql))} " +
        $"from {l.From} and {l.IdColumn} = @id");

    /// <summary>The layer's extent: minx, miny, maxx, maxy (nulls when empty).</summary>
    public static string Extent(FeatureLayer l) => Cache.GetOrAdd((l.Name, nameof(Extent)), _ =>
        $"select st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e) from (select st_extent({l.GeometryColumn}) as e from {l.From}) x");

    /// <summary>
    /// One Mapbox vector tile (@z, @x, @y of the Web Mercator tile pyramid) holding one MVT layer named after the
    /// layer, 4096 units per side with a 64-unit buffer; the tile properties only. Empty bytes when nothing is there.
    /// <c>offset 0</c> keeps the subquery from being flattened: flattened, the planner evaluates
    /// <c>st_asmvtgeom</c> twice per feature (once for <c>is not null</c>, once for the output), doubling a dense tile's time.
    /// </summary>
    public static string Tile(FeatureLayer l) => Cache.GetOrAdd((l.Name, nameof(Tile)), _ =>
        $"""
        with bounds as (
            select st_tileenvelope(@z, @x, @y) as merc,
                   st_transform(st_tileenvelope(@z, @x, @y, margin => 64.0 / 4096), 4326) as geo)
        select coalesce(st_asmvt(t.*, '{l.Name}', 4096, 'geom'), ''::bytea) from (
            select {string.Join(", ", l.Properties.Where(p => l.TileProperties.Contains(p.Name)).Select(p => $"{p.Sql} as \"{p.Name}\""))},
                   st_asmvtgeom(st_transform({l.GeometryColumn}, 3857), (select merc from bounds), 4096, 64, true) as geom
            from {l.From}
              and {l.GeometryColumn} && (select geo from bounds)
            offset 0
        ) t where t.geom is not null
        """);

    private static string Filter(FeatureLayer l) =>
        Filters.Replace("{geom}", l.GeometryColumn, StringComparison.Ordinal).Replace("{community}", l.CommunityColumn, StringComparison.Ordinal)
            .Replace("{id}", l.IdColumn, StringComparison.Ordinal);

    /// <summary>
    /// Household → grid → liaison unit of the current plans: a household's grid is the current grid listing its
    /// building (whole, or its stair unit); its liaison unit the current one listing it as a member. Filtered by
    /// @community / @street of the building, in household id order.
    /// </summary>
    public const string HouseholdAssignments = """
        with cur as (
            select g.id, g.plan_id, g.code from grids g join plans p on p.id = g.plan_id and p.status = 'published'
            where g.valid_to is null),
        lu as (
            select m.member as household_id, l.code
            from liaison_units l join cur on cur.plan_id = l.plan_id and cur.code = l.grid_code
            cross join lateral unnest(l.members) as m(member))
        select h.id, h.building_id, h.unit, h.floor, b.community_code,
               (select cur.code from grid_members gm join cur on cur.id = gm.grid_id
                where gm.building_id = h.building_id and (gm.unit is null or gm.unit = h.unit)
                order by gm.unit nulls last limit 1) as grid_code,
               lu.code as liaison_unit_code
        from households h join buildings b on b.id = h.building_id
        left join lu on lu.household_id = h.id
        where (@community::text is null or b.community_code = @community)
          and (@street::text is null or left(b.community_code, 9) = @street)
        order by h.id
        """;
}
