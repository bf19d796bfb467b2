using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Viewer.Tests;

/// <summary>
/// A small district for the browser tests: one community, a 0.02° square, tiled by four grids in a 2×2
/// pattern, numbered west→east, north→south: 001 (NW, basic, under the bounds), 002 (NE, basic, in
/// bounds), 003 (SW, basic, over), 004 (SE, a dedicated school grid). Each basic grid has a lattice of
/// buildings of equal households; the school has two dormitories.
/// </summary>
public static class SampleDistrict
{
    public const string Community = "520321001003";
    public const double West = 106.90;
    public const double South = 27.70;
    public const double Cell = 0.01;

    public sealed record GridSpec(string Code, string Kind, string? DedicatedKind, int Col, int Row, int Columns, int Rows, int HouseholdsEach);

    /// <summary>Row 1 is the northern row.</summary>
    public static readonly GridSpec[] Specs =
    [
        new(Community + "001", GridKinds.Basic, null, 0, 1, 3, 2, 40),
        new(Community + "002", GridKinds.Basic, null, 1, 1, 3, 3, 45),
        new(Community + "003", GridKinds.Basic, null, 0, 0, 3, 3, 70),
        new(Community + "004", GridKinds.Dedicated, "school", 1, 0, 2, 1, 10),
    ];

    private static readonly GeometryFactory F = GeoFactory.Wgs84;

    public static Polygon Square(double west, double south, double size) => F.CreatePolygon(
    [
        new(west, south), new(west + size, south), new(west + size, south + size), new(west, south + size), new(west, south),
    ]);

    /// <summary>A point inside a grid, off its centre a little, so that a click lands on the grid's fill, not on its label.</summary>
    public static (double Lon, double Lat) ClickPointOf(GridSpec s)
    {
        var p = BoundaryOf(s).InteriorPoint;
        return (p.X + Cell * 0.2, p.Y + Cell * 0.2);
    }

    public static Polygon BoundaryOf(GridSpec s) => Square(West + s.Col * Cell, South + s.Row * Cell, Cell);

    /// <summary>The buildings of a grid: a lattice inside its square, ids "&lt;seq&gt;-&lt;col&gt;&lt;row&gt;" (row 0 southern).</summary>
    public static IEnumerable<Building> BuildingsOf(GridSpec s)
    {
        var seq = s.Code[^3..];
        for (var c = 0; c < s.Columns; c++)
        {
            for (var r = 0; r < s.Rows; r++)
            {
                var lon = West + s.Col * Cell + Cell * (c + 0.5) / s.Columns;
                var lat = South + s.Row * Cell + Cell * (r + 0.5) / s.Rows;
                yield return new Building($"{seq}-{c}{r}", F.CreatePoint(new Coordinate(lon, lat)), s.HouseholdsEach,
                    CommunityCode: Community, DedicatedId: s.Kind == GridKinds.Dedicated ? "school-1" : null,
                    Address: $"测试路{seq}号{c}{r}栋");
            }
        }
    }

    public static DistrictBundle Bundle()
    {
        var community = new Community(Community, "测试社区", Community[..9], Square(West, South, 2 * Cell));
        var school = Specs.Single(s => s.Kind == GridKinds.Dedicated);
        var dedicated = new DedicatedArea("school-1", "school", "测试学校", Community, BoundaryOf(school));
        return new DistrictBundle([community], Specs.SelectMany(BuildingsOf).ToList(), DedicatedAreas: [dedicated]);
    }

    public static IReadOnlyList<Grid> Grids() => Specs.Select(s =>
    {
        var buildings = BuildingsOf(s).ToList();
        return new Grid(s.Code, Community, s.Kind, s.DedicatedKind, buildings.Sum(b => b.Households),
            buildings.Select(b => b.Id).ToList(), BoundaryOf(s));
    }).ToList();
}
