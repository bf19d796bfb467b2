namespace GridGeo.Core.Lookup;

/// <summary>One answer of <see cref="DoorPlateIndex.Search"/>: a household (or −1 when only its building is known), its building and a score (1 = exact).</summary>
public readonly record struct DoorPlateMatch(int Household, int Building, double Score);

/// <summary>
/// The in-memory door-plate index of a district's households and buildings. Each address is taken apart by
/// <see cref="DoorPlate"/> and filed by its parts — place (road + door number, or compound / village name), building,
/// unit, room — so that an exact door plate is a handful of dictionary look-ups, whatever its spelling (prefixes, full-width
/// digits, 3-2-302, 号楼/幢/座, 室). Tolerance is kept to where people err: a misspelt name (edit distance over the few
/// thousand distinct names, <see cref="NameSpeller"/>), stray characters, swapped or transposed numbers. A door plate
/// of a known building with no household on record answers the building. Immutable; built by
/// <see cref="DoorPlateIndexBuilder"/>; says nothing about grids (see <see cref="DoorPlateGrids"/>), so a new plan
/// does not re-parse a million addresses.
/// </summary>
public sealed class DoorPlateIndex
{
    /// <summary>Scores: an exact door plate is 1; each tolerance multiplies it down.</summary>
    public const double Exact = 1, Sloppy = 0.98, PrefixJunk = 0.95, Listed = 0.9, BuildingOnly = 0.8, Swapped = 0.85, NameDistance1 = 0.9, NameDistance2 = 0.8;

    internal readonly record struct HouseKey(int Building, int Unit, int Room);

    private readonly Dictionary<string, int> _nameIds;
    private readonly NameSpeller _speller;
    private readonly Dictionary<string, int> _tokens;
    private readonly Dictionary<long, int> _places;
    private readonly Dictionary<long, int[]> _plates;
    private readonly Dictionary<HouseKey, int> _households;

    private readonly string[] _buildingIds;
    private readonly string?[] _buildingAddresses;
    private readonly string?[] _buildingAreas;
    private readonly double[] _buildingLon, _buildingLat;
    private readonly int[] _buildingFirst;
    private readonly int[] _byBuilding;

    private readonly char[] _text;
    private readonly int[] _idStart, _addressStart;
    private readonly int[] _householdBuilding, _householdUnit, _householdUnitToken;
    private readonly int[] _idSlots;

    internal DoorPlateIndex(
        Dictionary<string, int> nameIds, Dictionary<string, int> tokens, Dictionary<long, int> places, Dictionary<long, int[]> plates,
        Dictionary<HouseKey, int> households, string[] buildingIds, string?[] buildingAddresses, string?[] buildingAreas, double[] buildingLon, double[] buildingLat,
        char[] text, int[] idStart, int[] addressStart, int[] householdBuilding, int[] householdUnit, int[] householdUnitToken)
    {
        _nameIds = nameIds;
        var names = new string[nameIds.Count];
        foreach (var (name, id) in nameIds) names[id] = name;
        _speller = new NameSpeller(names);
        _tokens = tokens;
        _places = places;
        _plates = plates;
        _households = households;
        _buildingIds = buildingIds;
        _buildingAddresses = buildingAddresses;
        _buildingAreas = buildingAreas;
        _buildingLon = buildingLon;
        _buildingLat = buildingLat;
        _text = text;
        _idStart = idStart;
        _addressStart = addressStart;
        _householdBuilding = householdBuilding;
        _householdUnit = householdUnit;
        _householdUnitToken = householdUnitToken;

        // Households by building (stable: in the order they were added), for listing a building's or a unit's households.
        var n = householdBuilding.Length;
        _buildingFirst = new int[buildingIds.Length + 1];
        foreach (var b in householdBuilding) _buildingFirst[b + 1]++;
        for (var b = 0; b < buildingIds.Length; b++) _buildingFirst[b + 1] += _buildingFirst[b];
        _byBuilding = new int[n];
        var next = _buildingFirst[..^1].ToArray();
        for (var h = 0; h < n; h++) _byBuilding[next[householdBuilding[h]]++] = h;

        // Household id → index, open addressing over the ids in the text block.
        var size = 1;
        while (size < 2 * n + 2) size <<= 1;
        _idSlots = new int[size];
        for (var h = 0; h < n; h++)
        {
            var slot = Slot(HouseholdId(h));
            while (_idSlots[slot] != 0) slot = (slot + 1) & (size - 1);
            _idSlots[slot] = h + 1;
        }
    }

    public int HouseholdCount => _householdBuilding.Length;
    public int BuildingCount => _buildingIds.Length;
    public int NameCount => _nameIds.Count;

    public ReadOnlySpan<char> HouseholdId(int household) => _text.AsSpan(_idStart[household], _addressStart[household] - _idStart[household]);
    public ReadOnlySpan<char> HouseholdAddress(int household) => _text.AsSpan(_addressStart[household], _idStart[household + 1] - _addressStart[household]);
    public int HouseholdBuilding(int household) => _householdBuilding[household];
    /// <summary>The household's stair unit as recorded (not as its address says).</summary>
    public int HouseholdUnit(int household) => _householdUnit[household];
    public string BuildingId(int building) => _buildingIds[building];
    public string? BuildingAddress(int building) => _buildingAddresses[building];
    public (double Lon, double Lat) BuildingLocation(int building) => (_buildingLon[building], _buildingLat[building]);

    /// <summary>The code of the community the building stands in (its county's when it is in no community), or null when not known.</summary>
    public string? BuildingArea(int building) => _buildingAreas[building];

    /// <summary>The 6-digit code of the county a match stands in (its building's), or null when not known.</summary>
    public string? CountyOf(DoorPlateMatch match) =>
        _buildingAreas[match.Building] is { } area ? AdminCodes.CountyOf(area) : null;

    /// <summary>The 9-digit code of the street a match stands in (its building's), or null when not known.</summary>
    public string? StreetOf(DoorPlateMatch match) =>
        _buildingAreas[match.Building] is { Length: >= AdminCodes.StreetLength } area ? AdminCodes.StreetOf(area) : null;

    /// <summary>
    /// The counties of the best-scored matches of <paramref name="matches"/> (those scored like the first), in order,
    /// when there are two or more: the door plate is then ambiguous across counties and a caller must say which
    /// (<see cref="DoorPlateArea"/>). Empty when the best matches lie in one county (or there are none).
    /// </summary>
    public IReadOnlyList<string> AmbiguousCounties(IReadOnlyList<DoorPlateMatch> matches)
    {
        if (matches.Count < 2) return [];
        var counties = matches.Where(m => m.Score >= matches[0].Score).Select(CountyOf).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        return counties.Count > 1 ? counties : [];
    }

    /// <summary>The index of the household with id <paramref name="id"/>, or −1.</summary>
    public int FindHousehold(ReadOnlySpan<char> id)
    {
        var mask = _idSlots.Length - 1;
        for (var slot = Slot(id); ; slot = (slot + 1) & mask)
        {
            var h = _idSlots[slot] - 1;
            if (h < 0) return -1;
            if (HouseholdId(h).SequenceEqual(id)) return h;
        }
    }

    private int Slot(ReadOnlySpan<char> id) => string.GetHashCode(id) & (_idSlots.Length - 1);

    /// <summary>
    /// The households (or buildings) <paramref name="query"/> names, best first, at most <paramref name="limit"/>, among
    /// the buildings of <paramref name="area"/> (all by default): the search behaves as if the index held only those.
    /// Exact names first; only when they give nothing, a known name after stray leading text, then misspelt names.
    /// Empty when nothing matches.
    /// </summary>
    public List<DoorPlateMatch> Search(string query, int limit, DoorPlateArea area = default)
    {
        var results = new Matches(area, limit);
        if (limit < 1) return results;
        var plate = DoorPlate.Parse(query);
        var factor = plate.Sloppy ? Sloppy : Exact;
        var places = plate.Places().ToList();

        foreach (var (name, number) in places)
            if (_nameIds.TryGetValue(name, out var id)) ResolvePlace(id, number, plate, factor, results);
        if (results.Count > 0) return Finish(results);

        foreach (var (name, number) in places)
        {
            for (var i = 1; i + 2 <= name.Length; i++)
            {
                if (!_nameIds.TryGetValue(name[i..], out var id)) continue;
                ResolvePlace(id, number, plate, factor * PrefixJunk, results);
                break;
            }
        }
        if (results.Count > 0) return Finish(results);

        foreach (var (name, number) in places)
            foreach (var (id, distance) in _speller.Near(name))
                ResolvePlace(id, number, plate, factor * (distance == 1 ? NameDistance1 : NameDistance2), results);
        if (results.Count > 0) return Finish(results);

        // What looked like a district may be a misspelt compound (枫香戊区 for 枫香小区): the text with its prefix kept.
        var whole = DoorPlate.FromKey(AddressKey.Of(query, dropPrefix: false));
        if (!whole.HasPlace || (whole.Road == plate.Road && whole.Compound == plate.Compound)) return results;
        foreach (var (name, number) in whole.Places())
        {
            for (var i = 0; i + 2 <= name.Length; i++)
            {
                var tail = name[i..];
                if (_nameIds.TryGetValue(tail, out var id)) ResolvePlace(id, number, whole, factor * PrefixJunk, results);
                else foreach (var (near, distance) in _speller.Near(tail))
                    ResolvePlace(near, number, whole, factor * PrefixJunk * (distance == 1 ? NameDistance1 : NameDistance2), results);
                if (results.Count > 0) break;
            }
        }
        return Finish(results);
    }

    private static List<DoorPlateMatch> Finish(Matches results)
    {
        // Best first; the same household or building reached by two names (road and compound) counts once.
        var seen = new HashSet<(int, int)>();
        var best = results.Select((m, i) => (m, i)).OrderByDescending(x => x.m.Score).ThenBy(x => x.i)
            .Where(x => seen.Add((x.m.Household, x.m.Household < 0 ? x.m.Building : -1))).Take(results.Limit).Select(x => x.m).ToList();
        return best;
    }

    private void ResolvePlace(int name, string number, DoorPlate plate, double factor, Matches results)
    {
        if (_tokens.TryGetValue(number, out var numberToken) && _places.TryGetValue(Pair(name, numberToken), out var place))
        {
            ResolveBuilding(place, plate, factor, results);
            return;
        }
        // A door number with two digits swapped (21号 for 12号).
        foreach (var swapped in Transpositions(number))
            if (_tokens.TryGetValue(swapped, out var t) && _places.TryGetValue(Pair(name, t), out var p))
                ResolveBuilding(p, plate, factor * Swapped, results);
    }

    private void ResolveBuilding(int place, DoorPlate plate, double factor, Matches results)
    {
        if (_tokens.TryGetValue(plate.Building, out var buildingToken) && _plates.TryGetValue(Pair(place, buildingToken), out var buildings))
        {
            foreach (var b in buildings) ResolveHousehold(b, plate, factor, results);
            return;
        }
        // Building and unit swapped (2栋3单元 for 3栋2单元), or the building number's digits swapped.
        if (plate.Unit.Length > 0 && _tokens.TryGetValue(plate.Unit, out var unitAsBuilding) && _plates.TryGetValue(Pair(place, unitAsBuilding), out buildings))
        {
            var swapped = plate with { Building = plate.Unit, Unit = plate.Building };
            foreach (var b in buildings) ResolveHousehold(b, swapped, factor * Swapped, results);
            return;
        }
        foreach (var transposed in Transpositions(plate.Building))
            if (_tokens.TryGetValue(transposed, out var t) && _plates.TryGetValue(Pair(place, t), out buildings))
                foreach (var b in buildings) ResolveHousehold(b, plate, factor * Swapped, results);
    }

    private void ResolveHousehold(int building, DoorPlate plate, double factor, Matches results)
    {
        if (!results.Area.Contains(_buildingAreas[building])) return;
        var limit = results.Limit;
        var unit = plate.Unit.Length == 0 ? -1 : _tokens.GetValueOrDefault(plate.Unit, int.MinValue);
        if (plate.Room.Length == 0)
        {
            // A building or a unit without a room: its households, else the building itself.
            var listed = 0;
            for (var i = _buildingFirst[building]; i < _buildingFirst[building + 1] && listed < limit; i++)
            {
                var h = _byBuilding[i];
                if (unit != -1 && _householdUnitToken[h] != unit) continue;
                results.Add(new DoorPlateMatch(h, building, factor * Listed));
                listed++;
            }
            if (listed == 0) results.Add(new DoorPlateMatch(-1, building, factor * Listed));
            return;
        }
        var hasRoom = _tokens.TryGetValue(plate.Room, out var room);
        if (hasRoom && unit != int.MinValue && _households.TryGetValue(new HouseKey(building, unit, room), out var household))
        {
            results.Add(new DoorPlateMatch(household, building, factor));
            return;
        }
        // A unit the household's address does not give (a single-unit block written without 单元).
        if (hasRoom && unit != -1 && _households.TryGetValue(new HouseKey(building, -1, room), out household) && _householdUnitToken[household] == 0)
        {
            results.Add(new DoorPlateMatch(household, building, factor * Swapped));
            return;
        }
        // Unit and room swapped, or the room's digits swapped (320 for 302).
        if (plate.Unit.Length > 0 && _tokens.TryGetValue(plate.Room, out var roomAsUnit) && _tokens.TryGetValue(plate.Unit, out var unitAsRoom)
            && _households.TryGetValue(new HouseKey(building, roomAsUnit, unitAsRoom), out household))
        {
            results.Add(new DoorPlateMatch(household, building, factor * Swapped));
            return;
        }
        foreach (var transposed in Transpositions(plate.Room))
        {
            if (!_tokens.TryGetValue(transposed, out var t)) continue;
            if (_households.TryGetValue(new HouseKey(building, unit == int.MinValue ? -1 : unit, t), out household))
            {
                results.Add(new DoorPlateMatch(household, building, factor * Swapped));
                return;
            }
        }
        // A door plate of a known building with no household on record: the building.
        results.Add(new DoorPlateMatch(-1, building, factor * BuildingOnly));
    }

    /// <summary>The texts with two neighbouring characters of <paramref name="number"/> swapped (distinct, not itself).</summary>
    private static IEnumerable<string> Transpositions(string number)
    {
        for (var i = 0; i + 1 < number.Length; i++)
        {
            if (number[i] == number[i + 1]) continue;
            var c = number.ToCharArray();
            (c[i], c[i + 1]) = (c[i + 1], c[i]);
            if (c[0] == '0') continue;
            yield return new string(c);
        }
    }

    /// <summary>The matches of one search, with the area they must lie in and the most wanted.</summary>
    private sealed class Matches(DoorPlateArea area, int limit) : List<DoorPlateMatch>
    {
        public DoorPlateArea Area { get; } = area;
        public int Limit { get; } = limit;
    }

    internal static long Pair(int a, int b) => ((long)a << 32) | (uint)b;
}
