using Dapper;
using GridGeo.Cli.Tests.Support;
using GridGeo.IO.Bundles;
using GridGeo.Testing;

namespace GridGeo.Cli.Tests.Commands;

/// <summary>
/// A generated province of two counties (<c>generate --counties 2</c>), one bundle each, imported one after the other
/// into one database and partitioned at once: the second import keeps the first county, and every community of both
/// gets grids and liaison units.
/// </summary>
[Collection("Console")]
public sealed class ProvinceCommandTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridgeo-province-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => InProcessCli.RunAsync(db, args);

    [Fact]
    public async Task A_two_county_province_imports_county_by_county_and_partitions()
    {
        var generated = await Run("generate", "--out", _dir, "--households", "7000", "--counties", "2", "--county", "520381", "--seed", "3");
        Assert.True(generated.Exit == 0, generated.Err);
        var folders = Directory.GetDirectories(_dir).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["520381", "520382"], folders);
        var bundles = folders.ToDictionary(f => f, f => BundleReader.Read(Path.Combine(_dir, f)));

        foreach (var county in folders)
        {
            var imported = await Run("import", "--data", Path.Combine(_dir, county));
            Assert.True(imported.Exit == 0, imported.Err);
        }
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var stored = (await conn.QueryAsync<(string County, long Households)>(
            "select county_code, count(*) from households group by county_code order by county_code")).ToList();
        Assert.Equal(folders.Select(f => (f, (long)bundles[f].Households!.Count)), stored);

        var planned = await Run("plan", "--all", "--publish");
        Assert.True(planned.Exit == 0, planned.Err);
        var communities = bundles.Values.SelectMany(b => b.Communities.Select(c => c.Code)).Order(StringComparer.Ordinal).ToList();
        var gridded = (await conn.QueryAsync<string>(
            """
            select distinct g.community_code from grids g join plans p on p.id = g.plan_id and p.status = 'published'
            where g.valid_to is null order by 1
            """)).ToList();
        Assert.Equal(communities, gridded);
        var perCounty = (await conn.QueryAsync<(string County, long Households)>(
            """
            select left(g.community_code, 6), sum(g.households) from grids g join plans p on p.id = g.plan_id and p.status = 'published'
            where g.valid_to is null group by 1 order by 1
            """)).ToList();
        Assert.Equal(stored, perCounty);
        var units = await conn.ExecuteScalarAsync<long>(
            "select count(distinct left(l.grid_code, 6)) from liaison_units l join plans p on p.id = l.plan_id and p.status = 'published'");
        Assert.Equal(2, units);
    }
}
