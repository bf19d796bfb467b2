namespace GridGeo.IO.Tests.Bundles;

/// <summary>A small bundle written to a temporary folder; each test changes one file to break one rule.</summary>
internal sealed class TestBundle : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("gridgeo-bundle-").FullName;

    public const string Communities = """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"code":"520321001001","name":"幸福社区","street_code":"520321001"},
          "geometry":{"type":"Polygon","coordinates":[[[106.90,27.70],[106.91,27.70],[106.91,27.71],[106.90,27.71],[106.90,27.70]]]}},
         {"type":"Feature","properties":{"code":"520321001002","name":"和平社区","street_code":"520321001"},
          "geometry":{"type":"Polygon","coordinates":[[[106.91,27.70],[106.92,27.70],[106.92,27.71],[106.91,27.71],[106.91,27.70]]]}}]}
        """;

    public const string Buildings = """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"id":"B1","households":120,"units":2,"floors":30},"geometry":{"type":"Point","coordinates":[106.905,27.705]}},
         {"type":"Feature","properties":{"id":"B2","households":40},"geometry":{"type":"Point","coordinates":[106.915,27.705]}},
         {"type":"Feature","properties":{"id":"B3","households":2,"community_code":"520321001002"},
          "geometry":{"type":"Polygon","coordinates":[[[106.9150,27.7080],[106.9152,27.7080],[106.9152,27.7082],[106.9150,27.7082],[106.9150,27.7080]]]}}]}
        """;

    public const string Dedicated = """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"id":"D1","kind":"school","name":"实验小学"},
          "geometry":{"type":"Polygon","coordinates":[[[106.914,27.704],[106.916,27.704],[106.916,27.706],[106.914,27.706],[106.914,27.704]]]}}]}
        """;

    public const string Households = "id,building_id,unit,floor,room,lon,lat,address\nH1,B2,1,1,101,106.915,27.705,\"幸福路1号1栋1单元101室\"\nH2,B2,1,2,201,,,幸福路1号1栋1单元201室\n";

    public TestBundle()
    {
        Write("communities.geojson", Communities);
        Write("buildings.geojson", Buildings);
        Write("dedicated.geojson", Dedicated);
    }

    public TestBundle Write(string file, string text)
    {
        File.WriteAllText(Path.Combine(Dir, file), text);
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
