using System.Globalization;
using GridGeo.Core;
using GridGeo.Core.Geo;
using GridGeo.Core.Geo.Crs;
using GridGeo.Core.Linking;
using GridGeo.Core.Model;
using GridGeo.IO.Csv;
using GridGeo.IO.GeoJson;
using GridGeo.IO.Layers;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Barrier = GridGeo.Core.Model.Barrier;

namespace GridGeo.IO.Bundles;

/// <summary>
/// Reads a district bundle folder (contract §1) and checks every input rule before anything is
/// used: required files and properties, code formats, valid polygons, the lon/lat range, unique
/// ids, known kinds, households that point at known buildings. The first broken rule is thrown
/// as a <see cref="BadInputException"/> naming the file, the feature or line, and the rule.
/// Missing links are derived with <see cref="BundleLinker"/>. Each layer may be GeoJSON, a shapefile or a table of
/// <c>bundle.gpkg</c>, in any system of <see cref="ReferenceSystems"/> (<see cref="BundleLayers"/>); everything comes out
/// in WGS84 lon/lat.
/// </summary>
public static class BundleReader
{
    public const string CommunitiesFile = "communities.geojson";
    public const string BuildingsFile = "buildings.geojson";
    public const string HouseholdsFile = "households.csv";
    public const string CompoundsFile = "compounds.geojson";
    public const string DedicatedFile = "dedicated.geojson";
    public const string BarriersFile = "barriers.geojson";

    /// <summary>The layer names of a bundle (contract §1), each read as <c>NAME.geojson</c>, <c>NAME.shp</c> or a table of <c>bundle.gpkg</c>.</summary>
    public const string Communities = "communities", Buildings = "buildings", Compounds = "compounds", Dedicated = "dedicated", Barriers = "barriers";

    /// <summary>Reads the bundle in <paramref name="directory"/>; <paramref name="crs"/> (<c>--crs</c>) is the system of layers that declare none.</summary>
    public static DistrictBundle Read(string directory, ReferenceSystem? crs = null)
    {
        if (!Directory.Exists(directory))
            throw new BadInputException(directory, null, "the bundle folder does not exist");
        string PathOf(string file) => Path.Combine(directory, file);
        var layers = new BundleLayers(directory, crs);
        foreach (var required in new[] { Communities, Buildings })
        {
            if (!layers.Has(required))
                throw new BadInputException(required == Communities ? CommunitiesFile : BuildingsFile, null,
                    $"required file is missing from the bundle folder {directory} (or give {required}.shp, or a table {required} in {BundleLayers.GeoPackageFile})");
        }

        var communities = ReadCommunities(layers.Read(Communities).Features);
        var communityCodes = communities.Select(c => c.Code).ToHashSet();
        var compounds = layers.Has(Compounds) ? ReadCompounds(layers.Read(Compounds).Features, communityCodes) : [];
        var dedicated = layers.Has(Dedicated) ? ReadDedicated(layers.Read(Dedicated).Features, communityCodes) : [];
        var barriers = layers.Has(Barriers) ? ReadBarriers(layers.Read(Barriers).Features) : [];
        var buildingLayer = layers.Read(Buildings);
        var buildings = ReadBuildings(buildingLayer.Features, communityCodes,
            compounds.Select(c => c.Id).ToHashSet(), dedicated.Select(d => d.Id).ToHashSet());
        List<Household>? households = null;
        if (File.Exists(PathOf(HouseholdsFile)))
        {
            households = ReadHouseholds(PathOf(HouseholdsFile), buildings, crs ?? buildingLayer.System);
            buildings = ApplyHouseholdCounts(buildings, households);
        }

        return BundleLinker.Link(new DistrictBundle(communities, buildings, households, compounds, dedicated, barriers));
    }

    private static List<Community> ReadCommunities(IReadOnlyList<FeatureRecord> features)
    {
        var result = new List<Community>();
        var seen = new HashSet<string>();
        var streetNames = new Dictionary<string, string>();
        foreach (var f in features)
        {
            var code = f.RequiredString("code");
            if (!AdminCodes.IsCommunityCode(code)) throw f.Error($"\"code\" must be a 12-digit community code, not \"{code}\"", code);
            var name = f.RequiredString("name", code);
            var street = f.RequiredString("street_code", code);
            if (!AdminCodes.IsStreetCode(street)) throw f.Error($"\"street_code\" must be a 9-digit street code, not \"{street}\"", code);
            if (!code.StartsWith(street, StringComparison.Ordinal))
                throw f.Error($"community code {code} must begin with its street code {street}", code);
            if (!seen.Add(code)) throw f.Error($"duplicate community code {code}", code);
            RequirePolygonal(f, code);
            var streetName = NullIfEmpty(f.OptionalString("street_name"));
            var countyName = NullIfEmpty(f.OptionalString("county_name"));
            NameOnce(streetNames, street, streetName, "street_name", f, code);
            NameOnce(streetNames, AdminCodes.CountyOf(code), countyName, "county_name", f, code);
            result.Add(new Community(code, name, street, f.Geometry, streetName, countyName));
        }
        if (result.Count == 0) throw new BadInputException(CommunitiesFile, null, "the bundle has no community");
        return result;
    }

    /// <summary>A street or county is named the same by every community that names it.</summary>
    private static void NameOnce(Dictionary<string, string> names, string areaCode, string? name, string property, FeatureRecord f, string code)
    {
        if (name is null) return;
        if (names.TryGetValue(areaCode, out var before) && before != name)
            throw f.Error($"\"{property}\" \"{name}\" differs from \"{before}\" given for {areaCode} by another community", code);
        names[areaCode] = name;
    }

    private static List<Building> ReadBuildings(IReadOnlyList<FeatureRecord> features, HashSet<string> communities, HashSet<string> compounds, HashSet<string> dedicated)
    {
        var result = new List<Building>();
        var seen = new HashSet<string>();
        foreach (var f in features)
        {
            var id = f.RequiredString("id");
            if (!seen.Add(id)) throw f.Error($"duplicate building id \"{id}\"", id);
            var households = f.OptionalInt("households", id) ?? throw f.Error("required property \"households\" is missing", id);
            if (households < 0) throw f.Error($"\"households\" must be ≥ 0, not {households}", id);
            var units = f.OptionalInt("units", id) ?? 1;
            if (units < 1) throw f.Error($"\"units\" (stair units) must be ≥ 1, not {units}", id);
            var floors = f.OptionalInt("floors", id) ?? 1;
            if (floors < 1) throw f.Error($"\"floors\" must be ≥ 1, not {floors}", id);
            var community = f.OptionalString("community_code");
            if (community is not null && !communities.Contains(community))
                throw f.Error($"\"community_code\" {community} is not a community of communities.geojson", id);
            var compound = f.OptionalString("compound_id");
            if (compound is not null && !compounds.Contains(compound))
                throw f.Error($"\"compound_id\" \"{compound}\" is not a compound of compounds.geojson", id);
            var area = f.OptionalString("dedicated_id");
            if (area is not null && !dedicated.Contains(area))
                throw f.Error($"\"dedicated_id\" \"{area}\" is not an area of dedicated.geojson", id);

            var point = f.Geometry switch
            {
                Point p => p,
                Polygon or MultiPolygon => FootprintPoint(f, id),
                _ => throw f.Error($"geometry must be a Point or a Polygon footprint, not {f.Geometry.GeometryType}", id),
            };
            result.Add(new Building(id, point, households, units, floors, compound, community, area, NullIfEmpty(f.OptionalString("address"))));
        }
        return result;
    }

    private static Point FootprintPoint(FeatureRecord f, string id)
    {
        RequirePolygonal(f, id);
        var p = f.Geometry.InteriorPoint;
        return GeoFactory.Wgs84.CreatePoint(p.Coordinate);
    }

    private static List<Compound> ReadCompounds(IReadOnlyList<FeatureRecord> features, HashSet<string> communities)
    {
        var result = new List<Compound>();
        var seen = new HashSet<string>();
        foreach (var f in features)
        {
            var id = f.RequiredString("id");
            if (!seen.Add(id)) throw f.Error($"duplicate compound id \"{id}\"", id);
            RequirePolygonal(f, id);
            var community = OptionalCommunity(f, id, communities);
            result.Add(new Compound(id, f.OptionalString("name") ?? id, community, f.Geometry));
        }
        return result;
    }

    private static List<DedicatedArea> ReadDedicated(IReadOnlyList<FeatureRecord> features, HashSet<string> communities)
    {
        var result = new List<DedicatedArea>();
        var seen = new HashSet<string>();
        foreach (var f in features)
        {
            var id = f.RequiredString("id");
            if (!seen.Add(id)) throw f.Error($"duplicate dedicated area id \"{id}\"", id);
            var kind = f.RequiredString("kind", id);
            if (!DedicatedKinds.IsKnown(kind))
                throw f.Error($"\"kind\" must be one of {string.Join(", ", DedicatedKinds.All)}, not \"{kind}\"", id);
            RequirePolygonal(f, id);
            var community = OptionalCommunity(f, id, communities);
            result.Add(new DedicatedArea(id, kind, f.OptionalString("name") ?? id, community, f.Geometry));
        }
        return result;
    }

    private static List<Barrier> ReadBarriers(IReadOnlyList<FeatureRecord> features)
    {
        var result = new List<Barrier>();
        foreach (var f in features)
        {
            var kind = f.RequiredString("kind");
            if (!BarrierKinds.IsKnown(kind))
                throw f.Error($"\"kind\" must be one of {string.Join(", ", BarrierKinds.All)}, not \"{kind}\"");
            if (f.Geometry is not (LineString or MultiLineString))
                throw f.Error($"geometry must be a LineString or MultiLineString, not {f.Geometry.GeometryType}");
            result.Add(new Barrier(kind, f.Geometry));
        }
        return result;
    }

    private static string? OptionalCommunity(FeatureRecord f, string id, HashSet<string> communities)
    {
        var community = f.OptionalString("community_code");
        if (community is not null && !communities.Contains(community))
            throw f.Error($"\"community_code\" {community} is not a community of communities.geojson", id);
        return community;
    }

    private static void RequirePolygonal(FeatureRecord f, string id)
    {
        if (f.Geometry is not (Polygon or MultiPolygon))
            throw f.Error($"geometry must be a Polygon or MultiPolygon, not {f.Geometry.GeometryType}", id);
        var error = new IsValidOp(f.Geometry).ValidationError;
        if (error is not null)
            throw f.Error($"invalid polygon: {error.Message} at ({error.Coordinate?.X.ToString(CultureInfo.InvariantCulture)}, {error.Coordinate?.Y.ToString(CultureInfo.InvariantCulture)})", id);
    }

    private static readonly string[] HouseholdColumns = ["id", "building_id", "unit", "floor", "room", "lon", "lat", "address"];

    /// <summary>
    /// households.csv: <c>lon,lat</c>, or <c>x,y</c> (easting, northing) in <paramref name="crs"/> — <c>--crs</c>, else the
    /// system of the buildings layer.
    /// </summary>
    private static List<Household> ReadHouseholds(string path, List<Building> buildings, ReferenceSystem? crs)
    {
        var name = Path.GetFileName(path);
        var byId = buildings.ToDictionary(b => b.Id);
        var result = new List<Household>();
        var seen = new HashSet<string>();
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine();
        if (header is null) throw new BadInputException(name, null, "the file is empty; it needs the header row id,building_id,unit,floor,room,lon,lat,address");
        var columns = CsvLine.Split(header).Select(c => c.Trim().ToLowerInvariant()).ToList();
        // x,y (projected) stand in for lon,lat when the file has them and not lon,lat.
        var projected = !columns.Contains("lon") && !columns.Contains("lat") && columns.Contains("x") && columns.Contains("y");
        var index = HouseholdColumns.ToDictionary(c => c, c => columns.IndexOf(projected ? c switch { "lon" => "x", "lat" => "y", _ => c } : c));
        var missing = HouseholdColumns.Where(c => index[c] < 0).ToList();
        if (missing.Count > 0)
            throw new BadInputException(name, "line 1", $"the header lacks the column(s) {string.Join(", ", missing)} (lon,lat may be x,y in the bundle's coordinate reference system)");
        LayerProjector? projector = null;
        if (projected)
        {
            if (crs is null)
                throw new BadInputException(name, "line 1", "has x,y columns but no coordinate reference system is known: give --crs EPSG:NNNN, or give the buildings layer a .prj / GeoPackage CRS");
            projector = new LayerProjector(crs, name);
        }

        int iId = index["id"], iBuilding = index["building_id"], iUnit = index["unit"], iFloor = index["floor"],
            iRoom = index["room"], iLon = index["lon"], iLat = index["lat"], iAddress = index["address"];
        var lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var fields = CsvLine.Split(line);
            string At() => $"line {lineNo}";
            if (fields.Count < columns.Count) throw new BadInputException(name, At(), $"has {fields.Count} fields, the header has {columns.Count}");
            var id = fields[iId].Trim();
            if (id.Length == 0) throw new BadInputException(name, At(), "\"id\" is empty");
            if (!seen.Add(id)) throw new BadInputException(name, At(), $"duplicate household id \"{id}\"");
            var buildingId = fields[iBuilding].Trim();
            if (!byId.TryGetValue(buildingId, out var building))
                throw new BadInputException(name, At(), $"household \"{id}\" points at unknown building \"{buildingId}\"");
            var unit = ParseInt(fields[iUnit].Trim(), 1, name, lineNo, "unit");
            var floor = ParseInt(fields[iFloor].Trim(), 1, name, lineNo, "floor");
            double lon = building.Location.X, lat = building.Location.Y;
            var lonText = fields[iLon].Trim();
            var latText = fields[iLat].Trim();
            if (projector is not null && (lonText.Length > 0 || latText.Length > 0))
            {
                if (!double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    || !double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
                    throw new BadInputException(name, At(), $"x/y \"{lonText}\", \"{latText}\" are not numbers");
                (lon, lat) = projector.ToLonLat(x, y, At());
            }
            else if (lonText.Length > 0 || latText.Length > 0)
            {
                if (!double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out lon)
                    || !double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out lat))
                    throw new BadInputException(name, At(), $"lon/lat \"{lonText}\", \"{latText}\" are not numbers");
                if (!double.IsFinite(lon) || !double.IsFinite(lat))
                    throw new BadInputException(name, At(), $"lon/lat \"{lonText}\", \"{latText}\" must be finite numbers");
                if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
                    throw new BadInputException(name, At(), $"coordinate ({lonText}, {latText}) is outside the lon/lat range (lon −180..180, lat −90..90)");
            }
            // building.Id, not the field: a million households then share their buildings' id strings.
            result.Add(new Household(id, building.Id, unit, floor, fields[iRoom].Trim(), lon, lat, fields[iAddress].Trim()));
        }
        return result;
    }

    private static int ParseInt(string text, int fallback, string file, int line, string column)
    {
        if (text.Length == 0) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 0)
            throw new BadInputException(file, $"line {line}", $"\"{column}\" must be a whole number ≥ 0, not \"{text}\"");
        return v;
    }

    /// <summary>With households.csv present it is the truth: a building's count is its rows.</summary>
    private static List<Building> ApplyHouseholdCounts(List<Building> buildings, List<Household> households)
    {
        var counts = households.GroupBy(h => h.BuildingId).ToDictionary(g => g.Key, g => g.Count());
        return buildings.Select(b => b with { Households = counts.GetValueOrDefault(b.Id) }).ToList();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
