using System.Text.Json;
using System.Text.Json.Nodes;
using GridGeo.Core.Editing;
using GridGeo.Core.Model;
using GridGeo.IO.GeoJson;

namespace GridGeo.Storage.Editing;

/// <summary>
/// A grid's state as the audit log records it: <c>{id, code, community_code, kind, dedicated_kind, version, locked,
/// households, members:[{name, households}], geometry (GeoJSON), wkb (hex EWKB, exact, for reverts)}</c>;
/// a grid an edit removed is <c>{id, code, version, removed: true}</c>.
/// </summary>
public static class GridStateJson
{
    public static JsonObject State(long id, int version, EditableGrid g)
    {
        var members = new JsonArray();
        foreach (var m in g.Members) members.Add(new JsonObject { ["name"] = m.Name, ["households"] = m.Households });
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) GeoJsonGeometry.Write(w, g.Grid.Boundary);
        return new JsonObject
        {
            ["id"] = id,
            ["code"] = g.Code,
            ["community_code"] = g.Grid.CommunityCode,
            ["kind"] = g.Grid.Kind,
            ["dedicated_kind"] = g.Grid.DedicatedKind,
            ["version"] = version,
            ["locked"] = g.Locked,
            ["households"] = g.Grid.Households,
            ["members"] = members,
            ["geometry"] = JsonNode.Parse(buffer.ToArray()),
            ["wkb"] = Convert.ToHexString(Ewkb.Write(g.Grid.Boundary)),
        };
    }

    public static JsonObject Removed(long id, int version, string code) =>
        new() { ["id"] = id, ["code"] = code, ["version"] = version, ["removed"] = true };

    /// <summary>Reads back a state written by <see cref="State"/>; null for a removed grid. Member locations are not recorded.</summary>
    public static (long Id, EditableGrid Grid)? Read(JsonNode state)
    {
        if (state["removed"]?.GetValue<bool>() == true) return null;
        var members = state["members"]!.AsArray()
            .Select(m => new GridMember(m!["name"]!.GetValue<string>(), m["households"]!.GetValue<int>(), null)).ToList();
        var grid = new Grid(state["code"]!.GetValue<string>(), state["community_code"]!.GetValue<string>(), state["kind"]!.GetValue<string>(),
            state["dedicated_kind"]?.GetValue<string>(), members.Sum(m => m.Households), members.Select(m => m.Name).ToList(),
            Ewkb.Read(Convert.FromHexString(state["wkb"]!.GetValue<string>())));
        return (state["id"]!.GetValue<long>(), new EditableGrid(grid, state["locked"]!.GetValue<bool>(), members));
    }
}
