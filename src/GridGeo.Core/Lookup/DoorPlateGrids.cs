using System.Globalization;
using GridGeo.Core.Model;

namespace GridGeo.Core.Lookup;

/// <summary>
/// Where the households and buildings of a <see cref="DoorPlateIndex"/> stand in one plan: each one's grid (an index
/// into <see cref="GridLocator.Grids"/>, −1 for none) and each household's liaison unit. A household is in the grid that
/// lists its building's stair unit (<c>"id#unit"</c>), else its building; a building not listed by any grid is in the
/// grid that covers its location. Rebuilt for each new plan or edit; the index it refers to is kept.
/// </summary>
public sealed class DoorPlateGrids
{
    private readonly int[] _householdGrid;
    private readonly int[] _buildingGrid;
    private readonly int[] _householdUnit;
    private readonly string[] _unitCodes;

    private DoorPlateGrids(DoorPlateIndex index, IReadOnlyList<Grid> grids, int[] householdGrid, int[] buildingGrid, int[] householdUnit, string[] unitCodes)
    {
        Index = index;
        Grids = grids;
        _householdGrid = householdGrid;
        _buildingGrid = buildingGrid;
        _householdUnit = householdUnit;
        _unitCodes = unitCodes;
    }

    /// <summary>The index these placements belong to.</summary>
    public DoorPlateIndex Index { get; }

    /// <summary>The grids the indexes of <see cref="GridOf"/> refer to (those of the locator it was built with).</summary>
    public IReadOnlyList<Grid> Grids { get; }

    public int GridOfHousehold(int household) => _householdGrid[household];
    public int GridOfBuilding(int building) => _buildingGrid[building];

    /// <summary>The household's liaison unit code, or null.</summary>
    public string? LiaisonUnitOf(int household) => _householdUnit[household] < 0 ? null : _unitCodes[_householdUnit[household]];

    /// <summary>The grid of a match: its household's, else its building's; −1 for none.</summary>
    public int GridOf(DoorPlateMatch match) => match.Household >= 0 ? _householdGrid[match.Household] : _buildingGrid[match.Building];

    /// <summary>The code of the grid of a match, or null.</summary>
    public string? GridCodeOf(DoorPlateMatch match)
    {
        var g = GridOf(match);
        return g < 0 ? null : Grids[g].Code;
    }

    /// <summary>
    /// Where a report by door plate goes: the households whose address is exactly <paramref name="address"/> within
    /// <paramref name="area"/> (among the best <paramref name="candidates"/> matches), and whether they all lie in one grid
    /// (two records of one household, say; a household in no grid is a place of its own). When they do not, how many
    /// counties and streets they span says what the reporter must add.
    /// </summary>
    public DoorPlateRoute Route(string address, DoorPlateArea area, int candidates)
    {
        var found = Index.Search(address, candidates, area);
        var exact = found.Where(m => m.Household >= 0 && m.Score >= DoorPlateIndex.Exact).ToList();
        if (found.Count == 0 || found[0].Household < 0 || found[0].Score < DoorPlateIndex.Exact)
            return new DoorPlateRoute(found, [], OneGrid: false, Counties: 0, Streets: 0);
        var oneGrid = exact.Select(m => GridOf(m) is var g and >= 0 ? g : -2 - m.Household).Distinct().Count() == 1;
        var counties = exact.Select(Index.CountyOf).Distinct().Count();
        var streets = exact.Select(Index.StreetOf).Distinct().Count();
        return new DoorPlateRoute(found, exact, oneGrid, counties, streets);
    }

    /// <summary>
    /// Places every household and building of <paramref name="index"/> in the grids of <paramref name="locator"/>;
    /// <paramref name="liaisonMembers"/> gives (household id, liaison unit code) for the plan's liaison units.
    /// </summary>
    public static DoorPlateGrids Build(DoorPlateIndex index, GridLocator locator, IEnumerable<(string HouseholdId, string UnitCode)> liaisonMembers)
    {
        var whole = new Dictionary<string, int>(StringComparer.Ordinal);
        var split = new Dictionary<(string, int), int>();
        var grids = locator.Grids;
        for (var g = 0; g < grids.Count; g++)
        {
            foreach (var member in grids[g].Buildings)
            {
                var hash = member.LastIndexOf('#');
                if (hash > 0 && int.TryParse(member.AsSpan(hash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var unit))
                    split.TryAdd((member[..hash], unit), g);
                else whole.TryAdd(member, g);
            }
        }
        var splitOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ((building, _), g) in split)
            if (!splitOf.TryGetValue(building, out var known) || string.CompareOrdinal(grids[g].Code, grids[known].Code) < 0) splitOf[building] = g;

        var buildingGrid = new int[index.BuildingCount];
        for (var b = 0; b < buildingGrid.Length; b++)
        {
            var id = index.BuildingId(b);
            if (whole.TryGetValue(id, out var g) || splitOf.TryGetValue(id, out g)) buildingGrid[b] = g;
            else
            {
                var (lon, lat) = index.BuildingLocation(b);
                buildingGrid[b] = double.IsFinite(lon) && double.IsFinite(lat) ? locator.LocateIndex(lon, lat) : -1;
            }
        }

        var householdGrid = new int[index.HouseholdCount];
        for (var h = 0; h < householdGrid.Length; h++)
        {
            var b = index.HouseholdBuilding(h);
            householdGrid[h] = split.Count > 0 && split.TryGetValue((index.BuildingId(b), index.HouseholdUnit(h)), out var g) ? g : buildingGrid[b];
        }

        var householdUnit = new int[index.HouseholdCount];
        Array.Fill(householdUnit, -1);
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (householdId, unitCode) in liaisonMembers)
        {
            var h = index.FindHousehold(householdId);
            if (h < 0 || householdUnit[h] >= 0) continue;
            if (!codes.TryGetValue(unitCode, out var u)) codes[unitCode] = u = codes.Count;
            householdUnit[h] = u;
        }
        var unitCodes = new string[codes.Count];
        foreach (var (code, u) in codes) unitCodes[u] = code;
        return new DoorPlateGrids(index, grids, householdGrid, buildingGrid, householdUnit, unitCodes);
    }
}

/// <summary>
/// The answer of <see cref="DoorPlateGrids.Route"/>: the matches found, the exact household matches (none when the best
/// match is not an exact household), whether those lie in one grid, and how many counties and streets they span.
/// </summary>
public sealed record DoorPlateRoute(IReadOnlyList<DoorPlateMatch> Found, IReadOnlyList<DoorPlateMatch> Exact, bool OneGrid, int Counties, int Streets);
