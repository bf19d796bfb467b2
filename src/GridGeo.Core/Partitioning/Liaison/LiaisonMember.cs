namespace GridGeo.Core.Partitioning.Liaison;

/// <summary>
/// One household of a grid as the splitter sees it: its building's location in local metres, the
/// building's rank in the grid (north→south, west→east), its position inside the building (stair unit,
/// floor, room order), its stair unit and floor.
/// </summary>
internal struct LiaisonMember
{
    public int Household;
    public double X;
    public double Y;
    public int Building;
    public int Position;
    public int Unit;
    public int Floor;

    /// <summary>Orders members by building, then by position in the building: the order codes follow.</summary>
    public readonly int CompareKey(in LiaisonMember other)
    {
        var c = Building.CompareTo(other.Building);
        return c != 0 ? c : Position.CompareTo(other.Position);
    }
}
