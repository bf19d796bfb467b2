using GridGeo.Core.Geo;
using GridGeo.Core.Model;
using NetTopologySuite.Geometries;

namespace GridGeo.Bench.Viewer;

/// <summary>
/// A big synthetic plan: <c>columns × rows</c> square grids of 0.01° (about 1 km), in communities of
/// 40 × 20 grids (800, under the 999 a community's 3-digit sequence allows), whose households run through
/// under, in and over the 300–500 bounds. Each grid has one stand-in building of one household: the import
/// derives a row per household, and the benchmark is about drawing grids, not importing millions of rows.
/// </summary>
public static class LatticePlan
{
    private const double West = 106.0, North = 27.5, Cell = 0.01;
    private const int BlockColumns = 40, BlockRows = 20;
    private static readonly GeometryFactory F = GeoFactory.Wgs84;

    private static Polygon Box(double west, double north, double width, double height) => F.CreatePolygon(
    [
        new(west, north - height), new(west + width, north - height), new(west + width, north), new(west, north), new(west, north - height),
    ]);

    public static (DistrictBundle Bundle, IReadOnlyList<Grid> Grids) Build(int columns, int rows)
    {
        var communities = new List<Community>();
        var buildings = new List<Building>();
        var grids = new List<Grid>();
        var blocksAcross = (columns + BlockColumns - 1) / BlockColumns;
        for (var by = 0; by * BlockRows < rows; by++)
        {
            for (var bx = 0; bx < blocksAcross; bx++)
            {
                var cols = Math.Min(BlockColumns, columns - bx * BlockColumns);
                var rws = Math.Min(BlockRows, rows - by * BlockRows);
                var code = $"520321001{communities.Count + 1:D3}";
                var west = West + bx * BlockColumns * Cell;
                var north = North - by * BlockRows * Cell;
                communities.Add(new Community(code, $"社区{communities.Count + 1}", code[..9], Box(west, north, cols * Cell, rws * Cell)));
                var seq = 0;
                for (var r = 0; r < rws; r++)
                {
                    for (var c = 0; c < cols; c++)
                    {
                        seq++;
                        var gridCode = $"{code}{seq:D3}";
                        var households = 200 + (grids.Count * 37) % 450;
                        var id = $"b{grids.Count}";
                        buildings.Add(new Building(id, F.CreatePoint(new Coordinate(west + (c + 0.5) * Cell, north - (r + 0.5) * Cell)), 1, CommunityCode: code));
                        grids.Add(new Grid(gridCode, code, GridKinds.Basic, null, households, [id], Box(west + c * Cell, north - r * Cell, Cell, Cell)));
                    }
                }
            }
        }
        return (new DistrictBundle(communities, buildings), grids);
    }
}
