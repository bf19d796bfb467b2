using NetTopologySuite.Geometries;

namespace GridGeo.Core.Model;

/// <summary>
/// A community or village (社区/村): the unit that grids tile. <see cref="Code"/> is its 12-digit
/// statistical division code; <see cref="StreetCode"/> the 9-digit code of its street or town.
/// The boundary is a Polygon or, for communities with exclaves (飞地), a MultiPolygon, in WGS84.
/// <see cref="StreetName"/> and <see cref="CountyName"/> are optional (the bundle's <c>street_name</c> and
/// <c>county_name</c>); without them the stored names are kept, or the codes stand in.
/// </summary>
public sealed record Community(string Code, string Name, string StreetCode, Geometry Boundary, string? StreetName = null, string? CountyName = null)
{
    /// <summary>The 6-digit county/district code (GB/T 2260) the community belongs to.</summary>
    public string CountyCode => AdminCodes.CountyOf(Code);
}
