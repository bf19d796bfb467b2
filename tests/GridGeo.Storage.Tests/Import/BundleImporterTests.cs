using GridGeo.Core;
using GridGeo.IO.Bundles;
using GridGeo.Storage.Import;
using GridGeo.Testing;

namespace GridGeo.Storage.Tests.Import;

public sealed class BundleImporterTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private Task<ImportSummary> ImportAsync(string dir) => new BundleImporter(db.DataSource).ImportAsync(BundleReader.Read(dir));

    private Task<long> CountAsync(string table, string county) =>
        db.ScalarAsync<long>($"select count(*) from {table} where county_code = '{county}'");

    [Fact]
    public async Task Import_round_trips_counts_geometry_and_links()
    {
        const string county = "110101";
        var dir = TestBundle.Write(county);
        var bundle = BundleReader.Read(dir);
        var summary = await ImportAsync(dir);

        Assert.Equal(bundle.Buildings.Count, await CountAsync("buildings", county));
        Assert.Equal(TestBundle.TotalHouseholds(), await CountAsync("households", county));
        Assert.Equal(TestBundle.TotalHouseholds(), summary.Households);
        Assert.False(summary.HouseholdsDerived);
        Assert.Equal(2, await db.ScalarAsync<long>($"select count(*) from communities where left(code, 6) = '{county}'"));
        Assert.Equal(1, await CountAsync("compounds", county));
        Assert.Equal(1, await CountAsync("dedicated_areas", county));
        Assert.Equal(1, await CountAsync("barriers", county));

        var west = bundle.Communities.Single(c => c.Code == TestBundle.CommunityCode(county, 1));
        var stored = await db.ScalarAsync<byte[]>($"select st_asewkb(boundary) from communities where code = '{west.Code}'");
        Assert.True(Ewkb.Read(stored).EqualsExact(west.Boundary, 1e-9));
        Assert.Equal(4326, Ewkb.Read(stored).SRID);

        var id = TestBundle.BuildingId(county, 2, 3);
        Assert.Equal(TestBundle.CommunityCode(county, 2), await db.ScalarAsync<string>($"select community_code from buildings where id = '{id}'"));
        Assert.Equal("C" + county, await db.ScalarAsync<string>($"select compound_id from buildings where id = '{TestBundle.BuildingId(county, 1, 1)}'"));
        Assert.Equal(TestBundle.HouseholdsOf(3), await db.ScalarAsync<long>($"select count(*) from households where building_id = '{id}'"));
    }

    [Fact]
    public async Task Counties_and_streets_are_derived_from_codes_with_the_union_of_their_communities()
    {
        const string county = "110102";
        await ImportAsync(TestBundle.Write(county));
        Assert.Equal(county, await db.ScalarAsync<string>($"select name from counties where code = '{county}'"));
        Assert.Equal(county + "001", await db.ScalarAsync<string>($"select name from streets where county_code = '{county}'"));
        var diff = await db.ScalarAsync<double>(
            $"select abs(st_area(s.boundary) - (select sum(st_area(boundary)) from communities where street_code = s.code)) from streets s where s.code = '{county}001'");
        Assert.True(diff < 1e-12, $"street area differs from its communities' by {diff}");
        Assert.True(await db.ScalarAsync<bool>(
            $"select st_equals(c.boundary, s.boundary) from counties c join streets s on s.county_code = c.code where c.code = '{county}'"));
    }

    [Fact]
    public async Task Street_and_county_names_of_the_bundle_are_stored_and_win_over_kept_ones()
    {
        const string county = "110105";
        var dir = TestBundle.Write(county);
        await ImportAsync(dir);
        await db.ScalarAsync<int>($"update counties set name = '旧名' where code = '{county}' returning 1");
        var path = Path.Combine(dir, "communities.geojson");
        File.WriteAllText(path, File.ReadAllText(path).Replace($"\"street_code\":\"{county}001\"",
            $"\"street_code\":\"{county}001\",\"street_name\":\"建国门街道\",\"county_name\":\"朝阳区\""));
        await ImportAsync(dir);
        Assert.Equal("朝阳区", await db.ScalarAsync<string>($"select name from counties where code = '{county}'"));
        Assert.Equal("建国门街道", await db.ScalarAsync<string>($"select name from streets where code = '{county}001'"));
    }

    [Fact]
    public async Task Reimport_replaces_the_district_and_leaves_other_districts_alone()
    {
        const string county = "110103", other = "110104";
        await ImportAsync(TestBundle.Write(other));
        await ImportAsync(TestBundle.Write(county));
        await db.ScalarAsync<int>($"update counties set name = '东城区' where code = '{county}' returning 1");

        var smaller = await ImportAsync(TestBundle.Write(county, buildingsPerCommunity: 2));
        Assert.Equal(4, await CountAsync("buildings", county));
        Assert.Equal(TestBundle.TotalHouseholds(2), await CountAsync("households", county));
        Assert.Equal(TestBundle.TotalHouseholds(2), smaller.Households);
        Assert.Equal("东城区", await db.ScalarAsync<string>($"select name from counties where code = '{county}'"));
        Assert.Equal(2 * TestBundle.BuildingsPerCommunity, await CountAsync("buildings", other));
        Assert.Equal(TestBundle.TotalHouseholds(), await CountAsync("households", other));
    }

    [Fact]
    public async Task Without_households_csv_households_are_derived_from_the_buildings()
    {
        const string county = "110105";
        var summary = await ImportAsync(TestBundle.Write(county, households: false));
        Assert.True(summary.HouseholdsDerived);
        Assert.Equal(TestBundle.TotalHouseholds(), await CountAsync("households", county));
        var id = TestBundle.BuildingId(county, 1, 2);
        Assert.Equal(TestBundle.HouseholdsOf(2), await db.ScalarAsync<long>($"select count(*) from households where building_id = '{id}'"));
        Assert.Equal(1, await db.ScalarAsync<long>($"select count(*) from households where id = '{id}-2-3-1'"));
        Assert.Equal("幸福路2号1栋2单元301室", await db.ScalarAsync<string>($"select address from households where id = '{id}-2-3-1'"));
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "unreadable file", "buildings.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" },
        { "missing required property", "buildings.geojson",
            TestBundle.Collection(TestBundle.Feature(TestBundle.Point(100.3, 30.005), "\"id\":\"X1\""))},
        { "self-intersecting polygon", "communities.geojson", TestBundle.Collection(TestBundle.Feature(
            "{\"type\":\"Polygon\",\"coordinates\":[[[100.3,30],[100.31,30.01],[100.31,30],[100.3,30.01],[100.3,30]]]}",
            "\"code\":\"110106001001\",\"name\":\"x\",\"street_code\":\"110106001\""))},
        { "coordinates outside range", "buildings.geojson",
            TestBundle.Collection(TestBundle.Feature(TestBundle.Point(200, 30.005), "\"id\":\"X1\",\"households\":3"))},
        { "duplicate id", "buildings.geojson", TestBundle.Collection(
            TestBundle.Feature(TestBundle.Point(100.302, 30.005), "\"id\":\"X1\",\"households\":3") + "," +
            TestBundle.Feature(TestBundle.Point(100.304, 30.005), "\"id\":\"X1\",\"households\":4"))},
        { "household with unknown building", "households.csv",
            "id,building_id,unit,floor,room,lon,lat,address\nH1,NOPE,1,1,101,,,某路1号\n" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_rejected_naming_the_file_and_the_database_is_unchanged(string rule, string file, string content)
    {
        const string county = "110106";
        await ImportAsync(TestBundle.Write(county));
        var before = await SnapshotAsync();

        var dir = TestBundle.Write(county, buildingsPerCommunity: 1);
        File.WriteAllText(Path.Combine(dir, file), content);
        var ex = await Assert.ThrowsAsync<BadInputException>(() => ImportAsync(dir));
        Assert.Equal(file, ex.InputName);
        Assert.False(string.IsNullOrWhiteSpace(ex.Rule), rule);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_database_rule_broken_mid_import_rolls_everything_back()
    {
        const string county = "110107";
        await ImportAsync(TestBundle.Write(county));
        var before = await SnapshotAsync();
        // A building id already stored under another county passes the bundle's own checks but not the primary key.
        const string otherCounty = "110108";
        var dir = TestBundle.Write(otherCounty);
        var clash = File.ReadAllText(Path.Combine(dir, "buildings.geojson")).Replace($"B{otherCounty}-1-1", $"B{county}-1-1");
        File.WriteAllText(Path.Combine(dir, "buildings.geojson"), clash);
        File.Delete(Path.Combine(dir, "households.csv"));
        var ex = await Assert.ThrowsAsync<BadInputException>(() => ImportAsync(dir));
        Assert.Contains("buildings_pkey", ex.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task<string> SnapshotAsync() => await db.ScalarAsync<string>("""
        select concat_ws('|',
            (select count(*) from counties), (select count(*) from streets), (select count(*) from communities),
            (select count(*) from buildings), (select count(*) from households), (select count(*) from compounds),
            (select count(*) from dedicated_areas), (select count(*) from barriers),
            (select md5(coalesce(string_agg(id || households, ',' order by id), '')) from buildings))
        """);
}

public sealed class BulkImportTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private BundleImporter Bulk => new(db.DataSource) { RebuildIndexesAbove = 0, RebuildIndexesWhenStored = true };

    private Task<string> SchemaAsync() => db.ScalarAsync<string>("""
        select string_agg(d, E'\n' order by d) from (
            select indexdef as d from pg_indexes where tablename in ('households', 'buildings')
            union all
            select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where conrelid in ('households'::regclass, 'buildings'::regclass)) x
        """);

    [Fact]
    public async Task A_bulk_load_puts_every_key_and_index_back()
    {
        var before = await SchemaAsync();
        var summary = await Bulk.ImportAsync(BundleReader.Read(TestBundle.Write("140101")));
        Assert.Equal(TestBundle.TotalHouseholds(), summary.Households);
        Assert.Equal(before, await SchemaAsync());
        Assert.Contains("households_building_ix", before);
        Assert.Contains("households_building_id_fkey", before);
    }

    [Fact]
    public async Task A_bulk_load_that_breaks_a_key_rolls_back_with_the_schema_intact()
    {
        const string county = "140102";
        await Bulk.ImportAsync(BundleReader.Read(TestBundle.Write(county)));
        var schema = await SchemaAsync();
        var households = await db.ScalarAsync<long>("select count(*) from households");
        // Household ids of another county's bundle that collide with stored ones: caught when the primary key is rebuilt.
        var dir = TestBundle.Write("140103");
        var csv = File.ReadAllText(Path.Combine(dir, "households.csv")).Replace("B140103-1-1-h", $"B{county}-1-1-h");
        File.WriteAllText(Path.Combine(dir, "households.csv"), csv);
        var ex = await Assert.ThrowsAsync<BadInputException>(() => Bulk.ImportAsync(BundleReader.Read(dir)));
        Assert.Contains("households_pkey", ex.Message);
        Assert.Equal(households, await db.ScalarAsync<long>("select count(*) from households"));
        Assert.Equal(schema, await SchemaAsync());
    }
}

/// <summary>A re-import replaces the district without a lock that readers wait for: they see the old rows until it commits.</summary>
public sealed class NonBlockingImportTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Readers_are_not_blocked_while_a_district_is_reimported()
    {
        const string county = "140201";
        var importer = new BundleImporter(db.DataSource) { RebuildIndexesAbove = 0 };
        await importer.ImportAsync(BundleReader.Read(TestBundle.Write(county)));
        var households = await db.ScalarAsync<long>("select count(*) from households");

        // Hold the re-import open just before its commit by locking a row it must delete, then read meanwhile.
        await using var blocker = await db.DataSource.OpenConnectionAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var cmd = new Npgsql.NpgsqlCommand("select id from barriers where county_code = @c for update", blocker, hold))
        {
            cmd.Parameters.AddWithValue("c", county);
            await cmd.ExecuteNonQueryAsync();
        }
        var reimport = importer.ImportAsync(BundleReader.Read(TestBundle.Write(county, buildingsPerCommunity: TestBundle.BuildingsPerCommunity + 2)));
        await Task.Delay(500);
        await using (var read = await db.DataSource.OpenConnectionAsync())
        {
            await using var cmd = new Npgsql.NpgsqlCommand("set statement_timeout = 5000; select count(*) from households h join buildings b on b.id = h.building_id", read);
            Assert.Equal(households, (long)(await cmd.ExecuteScalarAsync())!);
        }
        await hold.RollbackAsync();
        await reimport;
        Assert.True(await db.ScalarAsync<long>("select count(*) from households") > households);
    }
}
