using GridGeo.Storage.Layers;
using GridGeo.Storage.Sql;
using GridGeo.Testing;

namespace GridGeo.Storage.Tests.Layers;

/// <summary>The vector tile query of every layer can be answered through the layer's GiST index (the tile box is transformed, not the column).</summary>
public sealed class LayerTileSqlTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    public static TheoryData<string, string> LayersAndIndexes => new()
    {
        { FeatureLayer.Grids, "grids_boundary_gix" },
        { FeatureLayer.LiaisonUnits, "liaison_units_boundary_gix" },
        { FeatureLayer.Buildings, "buildings_location_gix" },
        { FeatureLayer.DedicatedAreas, "dedicated_areas_boundary_gix" },
        { FeatureLayer.Communities, "communities_boundary_gix" },
    };

    [Theory]
    [MemberData(nameof(LayersAndIndexes))]
    public async Task The_tile_query_of_each_layer_uses_its_gist_index(string layer, string index)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        // The test tables are nearly empty, so the planner would rightly prefer a sequential scan; forbidding it
        // shows whether the tile predicate can use the index at all (an unusable predicate still scans sequentially).
        await using (var off = connection.CreateCommand())
        {
            off.CommandText = "set enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }
        await using var explain = connection.CreateCommand();
        explain.CommandText = "explain " + LayerSql.Tile(FeatureLayer.Find(layer)!);
        explain.Parameters.AddWithValue("z", 14);
        explain.Parameters.AddWithValue("x", 13_000);
        explain.Parameters.AddWithValue("y", 6_500);
        var plan = new List<string>();
        await using (var r = await explain.ExecuteReaderAsync())
            while (await r.ReadAsync()) plan.Add(r.GetString(0));
        Assert.True(plan.Any(line => line.Contains(index, StringComparison.Ordinal)),
            $"the {layer} tile query does not use {index}:\n{string.Join('\n', plan)}");
    }
}
