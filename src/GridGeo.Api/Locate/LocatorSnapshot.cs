using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GridGeo.Core;
using GridGeo.Core.Lookup;
using GridGeo.Core.Model;
using GridGeo.Storage.Lookup;

namespace GridGeo.Api.Locate;

/// <summary>
/// One immutable state of "which grid": the current plan's <see cref="GridLocator"/> and
/// <see cref="LiaisonUnitLocator"/>, and each grid's answer body pre-encoded as UTF-8 JSON up to its liaison
/// unit, so that answering is a lookup plus two buffer writes. Built off the request path and swapped whole.
/// </summary>
public sealed class LocatorSnapshot
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] NullUnit = "null}"u8.ToArray();
    private readonly byte[][] _gridBodies;
    private readonly Dictionary<string, byte[]> _unitSuffixes;

    private LocatorSnapshot(string fingerprint, GridLocator grids, LiaisonUnitLocator units, byte[][] gridBodies, Dictionary<string, byte[]> unitSuffixes,
        DoorPlateGrids? doorPlates, long addressesVersion)
    {
        Fingerprint = fingerprint;
        Grids = grids;
        Units = units;
        _gridBodies = gridBodies;
        _unitSuffixes = unitSuffixes;
        DoorPlates = doorPlates;
        AddressesVersion = addressesVersion;
        BuiltAt = DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// The door-plate index of the households and buildings, placed in this plan's grids (or, for a moment after a
    /// new plan, in the previous plan's: they are placed again right after the new grids are in service); null before
    /// the first build.
    /// </summary>
    public DoorPlateGrids? DoorPlates { get; }

    /// <summary>The households/buildings version <see cref="DoorPlates"/> was read at (see <see cref="LocateStore.GetAddressesVersionAsync"/>).</summary>
    public long AddressesVersion { get; }

    /// <summary>This snapshot with <paramref name="doorPlates"/> read at <paramref name="addressesVersion"/>.</summary>
    public LocatorSnapshot WithDoorPlates(DoorPlateGrids doorPlates, long addressesVersion) =>
        new(Fingerprint, Grids, Units, _gridBodies, _unitSuffixes, doorPlates, addressesVersion);

    /// <summary>The database fingerprint the snapshot was built from (see <see cref="LocateStore.GetFingerprintAsync"/>).</summary>
    public string Fingerprint { get; }

    public GridLocator Grids { get; }
    public LiaisonUnitLocator Units { get; }
    public DateTimeOffset BuiltAt { get; }

    /// <summary>A snapshot of the plan; <paramref name="previous"/>'s door plates are carried over until placed again.</summary>
    public static LocatorSnapshot Build(string fingerprint, IReadOnlyList<Grid> grids, IReadOnlyList<LiaisonUnit> units, AreaNames names, LocatorSnapshot? previous = null)
    {
        var locator = GridLocator.Build(grids);
        var bodies = locator.Grids.Select(g => GridBody(g, names)).ToArray();
        var suffixes = units.ToDictionary(u => u.Code, u => Encoding.UTF8.GetBytes($"{{\"code\":\"{u.Code}\"}}}}"), StringComparer.Ordinal);
        return new LocatorSnapshot(fingerprint, locator, LiaisonUnitLocator.Build(units), bodies, suffixes, previous?.DoorPlates, previous?.AddressesVersion ?? -1);
    }

    /// <summary>
    /// The answer body of grid <paramref name="index"/> (of <see cref="GridLocator.Grids"/>) for a WGS84 point: the
    /// grid part (ends with <c>"liaison_unit":</c>) and the liaison unit part (ends the object).
    /// </summary>
    public (byte[] Grid, byte[] Unit) Answer(int index, double lon, double lat)
    {
        var unit = Units.Count == 0 ? null : Units.Locate(Grids.Grids[index].Code, lon, lat);
        return (_gridBodies[index], unit is null ? NullUnit : _unitSuffixes[unit.Code]);
    }

    /// <summary>The liaison unit code for a located point, or null.</summary>
    public string? UnitCode(int index, double lon, double lat) =>
        Units.Count == 0 ? null : Units.Locate(Grids.Grids[index].Code, lon, lat)?.Code;

    private static byte[] GridBody(Grid g, AreaNames names)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartObject("grid");
            w.WriteString("code", g.Code);
            w.WriteString("kind", g.Kind);
            if (g.DedicatedKind is not null) w.WriteString("dedicated_kind", g.DedicatedKind);
            w.WriteNumber("households", g.Households);
            w.WriteEndObject();
            Area(w, "community", g.CommunityCode, names.Communities);
            Area(w, "street", AdminCodes.StreetOf(g.CommunityCode), names.Streets);
            Area(w, "county", AdminCodes.CountyOf(g.CommunityCode), names.Counties);
            w.WritePropertyName("liaison_unit");
            // The object is closed by the liaison unit part.
            w.WriteNullValue();
        }
        var text = buffer.ToArray();
        return text[..^"null".Length];
    }

    private static void Area(Utf8JsonWriter w, string property, string code, IReadOnlyDictionary<string, string> names)
    {
        w.WriteStartObject(property);
        w.WriteString("code", code);
        if (names.TryGetValue(code, out var name)) w.WriteString("name", name);
        else w.WriteNull("name");
        w.WriteEndObject();
    }
}
