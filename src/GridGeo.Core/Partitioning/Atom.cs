using NetTopologySuite.Geometries;

namespace GridGeo.Core.Partitioning;

/// <summary>
/// An atom: the smallest thing the partition assigns to a grid. It is a whole building, or one stair
/// unit (单元) of a building large enough that the bounds may need to split it (<see cref="Unit"/> &gt; 0).
/// <see cref="Location"/> is in the community's metric projection.
/// </summary>
public sealed record Atom(int Index, string BuildingId, int Unit, int Households, Coordinate Location, string? CompoundId)
{
    /// <summary>The member name in a grid plan: the building id, or <c>"&lt;id&gt;#&lt;unit&gt;"</c> for a stair unit.</summary>
    public string MemberName => Unit == 0 ? BuildingId : $"{BuildingId}#{Unit}";
}
