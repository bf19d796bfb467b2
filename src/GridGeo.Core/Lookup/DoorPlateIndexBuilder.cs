namespace GridGeo.Core.Lookup;

/// <summary>
/// Collects buildings and households (streamed, one at a time) and builds the <see cref="DoorPlateIndex"/>. A
/// household is filed under its own address; when that has no place (empty, say), under its building's address with the
/// recorded unit and room. A building is filed under its address and, when it stands in a named compound, under
/// "compound name + its building number" as well, so that 幸福小区3栋2单元302 finds the household written
/// 光明路12号3栋2单元302室. Addresses are parsed on all cores in <see cref="Build"/>.
/// </summary>
public sealed class DoorPlateIndexBuilder
{
    private readonly List<string> _buildingIds = [];
    private readonly List<string?> _buildingAddresses = [];
    private readonly List<string> _buildingCompounds = [];
    private readonly List<double> _lon = [], _lat = [];
    private readonly List<string?> _buildingAreas = [];
    private readonly Dictionary<string, string> _areaCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _buildingIndex = new(StringComparer.Ordinal);

    private readonly List<string> _householdIds = [];
    private readonly List<int> _householdBuildings = [];
    private readonly List<int> _householdUnits = [];
    private readonly List<string> _householdRooms = [];
    private readonly List<string> _householdAddresses = [];

    /// <summary>
    /// Adds a building: id, door-plate address (may be null), the name of its compound (or null), its location and the
    /// code of the area it stands in — its community's, or its county's when it is in no community; null when unknown —
    /// which places it in a street and a county (see <see cref="DoorPlateArea"/>).
    /// </summary>
    public void AddBuilding(string id, string? address, string? compoundName, double lon, double lat, string? areaCode = null)
    {
        if (_buildingIndex.ContainsKey(id)) return;
        _buildingIndex[id] = _buildingIds.Count;
        _buildingIds.Add(id);
        _buildingAddresses.Add(string.IsNullOrWhiteSpace(address) ? null : address);
        _buildingCompounds.Add(AddressKey.Spelling(compoundName));
        _lon.Add(lon);
        _lat.Add(lat);
        // A district has a few hundred communities and a million buildings: one string per community.
        string? shared = null;
        if (areaCode is not null && !_areaCodes.TryGetValue(areaCode, out shared)) _areaCodes[areaCode] = shared = areaCode;
        _buildingAreas.Add(shared);
    }

    /// <summary>Adds a household; a building not added before is added without address or location.</summary>
    public void AddHousehold(string id, string buildingId, int unit, string? room, string? address)
    {
        if (!_buildingIndex.TryGetValue(buildingId, out var b))
        {
            AddBuilding(buildingId, null, null, double.NaN, double.NaN);
            b = _buildingIndex[buildingId];
        }
        _householdIds.Add(id);
        _householdBuildings.Add(b);
        _householdUnits.Add(unit);
        _householdRooms.Add(room ?? "");
        _householdAddresses.Add(address ?? "");
    }

    public DoorPlateIndex Build()
    {
        var nb = _buildingIds.Count;
        var nh = _householdIds.Count;
        var buildingPlates = new DoorPlate[nb];
        Parallel.For(0, nb, b => buildingPlates[b] = DoorPlate.Parse(_buildingAddresses[b]));
        var householdPlates = new DoorPlate[nh];
        Parallel.For(0, nh, h => householdPlates[h] = DoorPlate.Parse(_householdAddresses[h]));

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokens = new Dictionary<string, int>(StringComparer.Ordinal) { [""] = 0 };
        var places = new Dictionary<long, int>();
        var plates = new Dictionary<long, List<int>>();
        var households = new Dictionary<DoorPlateIndex.HouseKey, int>(nh * 2);
        int Token(string t)
        {
            if (!tokens.TryGetValue(t, out var id)) tokens[t] = id = tokens.Count;
            return id;
        }
        int Place(string name, string number)
        {
            if (!names.TryGetValue(name, out var n)) names[name] = n = names.Count;
            var key = DoorPlateIndex.Pair(n, Token(number));
            if (!places.TryGetValue(key, out var p)) places[key] = p = places.Count;
            return p;
        }
        void File(DoorPlate plate, int building)
        {
            if (!plate.HasPlace) return;
            var bt = Token(plate.Building);
            foreach (var (name, number) in plate.Places())
            {
                var key = DoorPlateIndex.Pair(Place(name, number), bt);
                if (!plates.TryGetValue(key, out var list)) plates[key] = list = [];
                if (!list.Contains(building)) list.Add(building);
            }
        }

        // The building number each building goes by, for its compound alias: from its address, else its first household's.
        var buildingNumber = new string?[nb];
        for (var b = 0; b < nb; b++)
        {
            File(buildingPlates[b], b);
            if (buildingPlates[b].HasPlace) buildingNumber[b] = buildingPlates[b].Building;
        }

        var unitTokens = new int[nh];
        for (var h = 0; h < nh; h++)
        {
            var b = _householdBuildings[h];
            var plate = householdPlates[h];
            if (!plate.HasPlace)
            {
                var bp = buildingPlates[b];
                plate = bp with { Unit = _householdUnits[h] > 0 ? _householdUnits[h].ToString(System.Globalization.CultureInfo.InvariantCulture) : "", Room = AddressKey.Spelling(_householdRooms[h]) };
                householdPlates[h] = plate;
            }
            else
            {
                File(plate, b);
            }
            buildingNumber[b] ??= plate.HasPlace ? plate.Building : null;
            var unit = Token(plate.Unit);
            var room = Token(plate.Room);
            unitTokens[h] = unit;
            households.TryAdd(new DoorPlateIndex.HouseKey(b, unit, room), h);
            households.TryAdd(new DoorPlateIndex.HouseKey(b, -1, room), h);
        }

        for (var b = 0; b < nb; b++)
        {
            var compound = _buildingCompounds[b];
            if (compound.Length == 0 || buildingNumber[b] is null) continue;
            File(new DoorPlate(compound, "", "", buildingNumber[b]!, "", "", "", false), b);
        }

        var length = 0L;
        for (var h = 0; h < nh; h++) length += _householdIds[h].Length + _householdAddresses[h].Length;
        if (length > Array.MaxLength) throw new InvalidOperationException($"the households' ids and addresses have {length} characters, more than one index holds");
        var text = new char[length];
        var idStart = new int[nh + 1];
        var addressStart = new int[nh];
        var at = 0;
        for (var h = 0; h < nh; h++)
        {
            idStart[h] = at;
            _householdIds[h].CopyTo(text.AsSpan(at));
            at += _householdIds[h].Length;
            addressStart[h] = at;
            _householdAddresses[h].CopyTo(text.AsSpan(at));
            at += _householdAddresses[h].Length;
        }
        idStart[nh] = at;

        return new DoorPlateIndex(names, tokens, places, plates.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()), households,
            _buildingIds.ToArray(), _buildingAddresses.ToArray(), _buildingAreas.ToArray(), _lon.ToArray(), _lat.ToArray(),
            text, idStart, addressStart, _householdBuildings.ToArray(), _householdUnits.ToArray(), unitTokens);
    }
}
