namespace GridGeo.Storage.Layers;

/// <summary>
/// A feature layer that GridGeo publishes to other systems (export, OGC API – Features, vector tiles): a fixed
/// set of rows with an id, a WGS84 geometry and named properties. Layers are an allow-list
/// (<see cref="All"/>): their SQL is built from these constants only, never from request text.
/// </summary>
/// <param name="Name">The layer's public name, as in <c>/ogc/collections/{name}</c> and <c>/tiles/{name}/…</c>.</param>
/// <param name="Title">A short human title.</param>
/// <param name="Description">What one feature is.</param>
/// <param name="IdColumn">The SQL expression of the feature id (text), also the paging order.</param>
/// <param name="GeometryColumn">The SQL expression of the WGS84 geometry; its GiST index serves box queries.</param>
/// <param name="CommunityColumn">The SQL expression of the 12-digit community code the <c>community</c> and <c>street</c> filters compare.</param>
/// <param name="From">The FROM clause with its fixed conditions (<c>… where …</c>), e.g. only current grids.</param>
/// <param name="Properties">The exported properties: public name and SQL expression, in output order.</param>
/// <param name="TileProperties">The names among <see cref="Properties"/> carried into vector tiles (no lists: MVT has none).</param>
public sealed record FeatureLayer(
    string Name,
    string Title,
    string Description,
    string IdColumn,
    string GeometryColumn,
    string CommunityColumn,
    string From,
    IReadOnlyList<LayerProperty> Properties,
    IReadOnlyList<string> TileProperties)
{
    public const string Grids = "grids";
    public const string LiaisonUnits = "liaison-units";
    public const string Buildings = "buildings";
    public const string DedicatedAreas = "dedicated-areas";
    public const string Communities = "communities";

    /// <summary>The current grids: those of published plans whose validity has not ended. Properties of contract §2.</summary>
    public static readonly FeatureLayer GridLayer = new(
        Grids, "Grids (网格)", "the current grids: one feature per grid, properties of the grid plan (contract §2)",
        "g.code", "g.boundary", "g.community_code",
        "grids g join plans p on p.id = g.plan_id and p.status = 'published' where g.valid_to is null",
        [
            new("code", "g.code"), new("community_code", "g.community_code"), new("kind", "g.kind"),
            new("dedicated_kind", "g.dedicated_kind"), new("households", "g.households"), new("buildings", "g.buildings"),
        ],
        ["code", "community_code", "kind", "dedicated_kind", "households"]);

    /// <summary>The liaison units of the current grids.</summary>
    public static readonly FeatureLayer LiaisonUnitLayer = new(
        LiaisonUnits, "Liaison units (联户单元)", "the liaison units of the current grids, about 30 households each",
        "l.code", "l.boundary", "left(l.grid_code, 12)",
        "liaison_units l join plans p on p.id = l.plan_id and p.status = 'published' " +
        "where exists (select 1 from grids g where g.plan_id = l.plan_id and g.code = l.grid_code and g.valid_to is null)",
        [new("code", "l.code"), new("grid_code", "l.grid_code"), new("households", "l.households"), new("members", "l.members")],
        ["code", "grid_code", "households"]);

    /// <summary>The stored buildings as points.</summary>
    public static readonly FeatureLayer BuildingLayer = new(
        Buildings, "Buildings (楼栋)", "the stored buildings as points, with households, stair units and floors",
        "b.id", "b.location", "b.community_code",
        "buildings b where true",
        [
            new("id", "b.id"), new("community_code", "b.community_code"), new("households", "b.households"),
            new("units", "b.units"), new("floors", "b.floors"), new("compound_id", "b.compound_id"),
            new("dedicated_id", "b.dedicated_id"), new("address", "b.address"),
        ],
        ["id", "community_code", "households", "units", "floors"]);

    /// <summary>The stored dedicated areas (parks, schools, markets, …).</summary>
    public static readonly FeatureLayer DedicatedAreaLayer = new(
        DedicatedAreas, "Dedicated areas (专属网格区域)", "the areas that form dedicated grids: parks, schools, markets, hospitals, …",
        "d.id", "d.boundary", "d.community_code",
        "dedicated_areas d where true",
        [new("id", "d.id"), new("kind", "d.kind"), new("name", "d.name"), new("community_code", "d.community_code")],
        ["id", "kind", "name", "community_code"]);

    /// <summary>The stored communities and villages.</summary>
    public static readonly FeatureLayer CommunityLayer = new(
        Communities, "Communities (社区/村)", "the communities and villages that grids tile",
        "m.code", "m.boundary", "m.code",
        "communities m where true",
        [new("code", "m.code"), new("name", "m.name"), new("street_code", "m.street_code")],
        ["code", "name", "street_code"]);

    /// <summary>Every published layer, in the order collections are listed.</summary>
    public static readonly IReadOnlyList<FeatureLayer> All = [GridLayer, LiaisonUnitLayer, BuildingLayer, DedicatedAreaLayer, CommunityLayer];

    /// <summary>The layer called <paramref name="name"/>, or null when there is none.</summary>
    public static FeatureLayer? Find(string? name) => All.FirstOrDefault(l => l.Name == name);

    /// <summary>The public property names, in output order.</summary>
    public IReadOnlyList<string> PropertyNames { get; } = Properties.Select(p => p.Name).ToArray();
}

/// <summary>One exported property of a <see cref="FeatureLayer"/>: its public name and the SQL expression that yields it.</summary>
public sealed record LayerProperty(string Name, string Sql);
