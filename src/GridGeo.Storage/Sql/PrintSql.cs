namespace GridGeo.Storage.Sql;

/// <summary>
/// The statements of <see cref="Printing.PrintLayerStore"/>: what a printed map of a box shows. Every box filter
/// compares the geometry column with an envelope (@minx…@maxy, lon/lat) so that the GiST indexes are used.
/// </summary>
internal static class PrintSql
{
    private const string Box = "st_makeenvelope(@minx, @miny, @maxx, @maxy, 4326)";

    /// <summary>code, name, street_code, EWKB boundary, street name, county name.</summary>
    public const string Communities = """
        select c.code, c.name, c.street_code, st_asewkb(c.boundary), s.name, co.name
        from communities c
        left join streets s on s.code = c.street_code
        left join counties co on co.code = s.county_code
        where c.boundary && 
        """ + Box + " order by c.code";

    /// <summary>The liaison units of the current grids in the box: code, grid_code, households, members, EWKB boundary.</summary>
    public const string LiaisonUnits = """
        select l.code, l.grid_code, l.households, l.members, st_asewkb(l.boundary)
        from liaison_units l join plans p on p.id = l.plan_id and p.status = 'published'
        where l.boundary && 
        """ + Box + """

          and exists (select 1 from grids g where g.plan_id = l.plan_id and g.code = l.grid_code and g.valid_to is null)
        order by l.code
        """;

    /// <summary>The current grid's liaison units (any boundary, also none): same columns as <see cref="LiaisonUnits"/>.</summary>
    public const string GridLiaisonUnits = """
        select l.code, l.grid_code, l.households, l.members, st_asewkb(l.boundary)
        from liaison_units l join grids g on g.plan_id = l.plan_id and g.code = l.grid_code and g.valid_to is null
        join plans p on p.id = g.plan_id and p.status = 'published'
        where g.code = @code
        order by l.code
        """;

    /// <summary>Buildings in the box, as <see cref="QuerySql.BuildingsInBox"/> but without an id order (a map needs none).</summary>
    public const string Buildings = """
        select id, community_code, compound_id, dedicated_id, households, units, floors, address, location
        from buildings where location && 
        """ + Box + " limit @limit";

    /// <summary>Barriers meeting the box, clipped to it (a river's full length is not needed to draw a street): kind, EWKB line.</summary>
    public const string Barriers = """
        select kind, st_asewkb(st_clipbybox2d(line, 
        """ + Box + """
        )) from barriers where line && 
        """ + Box + """
         order by id
        """;

    /// <summary>One street: code, name, county name, and how many communities it has.</summary>
    public const string Street = """
        select s.code, s.name, co.name, (select count(*) from communities c where c.street_code = s.code)::int
        from streets s left join counties co on co.code = s.county_code
        where s.code = @code
        """;

    /// <summary>The extent of a street's current grids (@street, 9 digits): minx, miny, maxx, maxy, all null when it has none.</summary>
    public const string StreetGridsExtent = """
        select st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e) from (
            select st_extent(g.boundary) as e
            from grids g join plans p on p.id = g.plan_id and p.status = 'published'
            where g.valid_to is null and left(g.community_code, 9) = @street) x
        """;
}
