using GridGeo.Core.Geo;
using NetTopologySuite.Geometries;

namespace GridGeo.Api.Export;

/// <summary>
/// The coordinate system an export is written in: <c>wgs84</c> (RFC 7946, the default) or <c>gcj02</c>, the
/// offset system of AMap and Tencent maps, for users who overlay grids on those maps. A GCJ-02 file is not
/// RFC 7946 GeoJSON in the strict sense; the export says so in its <c>coordinate_system</c> members.
/// </summary>
public sealed class ExportCrs
{
    public static readonly ExportCrs Wgs84 = new("wgs84", null);

    /// <summary>GCJ-02 by <see cref="CoordinateConverter.FromWgs84"/>, vertex by vertex.</summary>
    public static readonly ExportCrs Gcj02 = new("gcj02", g => Offset(g, CoordinateSystem.Gcj02));

    private readonly Func<Geometry, Geometry>? _transform;

    private ExportCrs(string name, Func<Geometry, Geometry>? transform)
    {
        Name = name;
        _transform = transform;
    }

    /// <summary>The name used in parameters and in the output: wgs84 or gcj02.</summary>
    public string Name { get; }

    public bool IsWgs84 => _transform is null;

    /// <summary>The accepted names, for error messages.</summary>
    public static string Names => string.Join(", ", All.Select(c => c.Name));

    private static IReadOnlyList<ExportCrs> All => [Wgs84, Gcj02];

    /// <summary>The system called <paramref name="name"/> (case-insensitive; null means wgs84), or null when unknown.</summary>
    public static ExportCrs? Parse(string? name) =>
        name is null ? Wgs84 : All.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static Geometry Offset(Geometry wgs84, CoordinateSystem system)
    {
        var copy = wgs84.Copy();
        copy.Apply(new OffsetFilter(system));
        return copy;
    }

    private sealed class OffsetFilter(CoordinateSystem system) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var p = CoordinateConverter.FromWgs84(seq.GetX(i), seq.GetY(i), system);
                seq.SetX(i, p.Lon);
                seq.SetY(i, p.Lat);
            }
        }
    }

    /// <summary>A copy of the WGS84 <paramref name="geometry"/> in this system.</summary>
    public Geometry Transform(Geometry geometry) => _transform is null ? geometry : _transform(geometry);
}
