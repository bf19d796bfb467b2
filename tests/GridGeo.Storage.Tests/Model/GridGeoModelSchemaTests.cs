using GridGeo.Storage.Model;
using GridGeo.Testing;
using Microsoft.EntityFrameworkCore;

namespace GridGeo.Storage.Tests.Model;

/// <summary>The write model against the schema the SQL migrations make (the one schema source).</summary>
public sealed class GridGeoModelSchemaTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Every_entity_matches_its_migrated_table_columns_types_keys_and_foreign_keys()
    {
        var problems = await ModelSchemaComparer.CompareAsync(db.DataSource);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_model_covers_the_write_tables()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var ctx = GridGeoDbContext.On(conn);
        var tables = ctx.Model.GetEntityTypes().Select(e => e.GetTableName()).ToHashSet();
        foreach (var t in new[] { "plans", "plan_jobs", "grids", "grid_members", "liaison_units", "audit_log", "api_keys", "staff", "staff_assignments", "staff_keys" })
            Assert.Contains(t, tables);
        // Events belong to their own writer (migration 0041), not to the model.
        Assert.DoesNotContain("events", tables);
    }

    [Fact]
    public async Task Geometries_are_stored_natively_in_4326_and_read_back_as_NetTopologySuite_types()
    {
        await using var write = await WriteSession.BeginAsync(db.DataSource);
        var plan = new PlanRow { Kind = "import" };
        write.Db.Plans.Add(plan);
        var polygon = Core.Geo.GeoFactory.Wgs84.CreatePolygon([new(116.1, 39.9), new(116.2, 39.9), new(116.2, 40.0), new(116.1, 39.9)]);
        var grid = new GridRow { Code = "110101001001001", CommunityCode = "110101001001", Kind = "basic", Boundary = polygon, Households = 3, Buildings = ["b1"] };
        await write.Db.SaveChangesAsync();
        grid.PlanId = plan.Id;
        write.Db.Grids.Add(grid);
        await write.CommitAsync();

        Assert.Equal("ST_Polygon 4326", await db.ScalarAsync<string>($"select st_geometrytype(boundary) || ' ' || st_srid(boundary) from grids where id = {grid.Id}"));
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var read = GridGeoDbContext.On(conn);
        var back = await read.Grids.AsNoTracking().SingleAsync(g => g.Id == grid.Id);
        Assert.True(back.Boundary.EqualsExact(polygon));
        Assert.Equal(4326, back.Boundary.SRID);
        Assert.Equal(1, back.Version);
    }

    [Fact]
    public async Task A_grid_saved_from_a_stale_version_fails_and_changes_nothing()
    {
        long id;
        await using (var write = await WriteSession.BeginAsync(db.DataSource))
        {
            var plan = new PlanRow { Kind = "import" };
            write.Db.Plans.Add(plan);
            await write.Db.SaveChangesAsync();
            var polygon = Core.Geo.GeoFactory.Wgs84.CreatePolygon([new(116.3, 39.9), new(116.4, 39.9), new(116.4, 40.0), new(116.3, 39.9)]);
            var grid = new GridRow { PlanId = plan.Id, Code = "110101001001002", CommunityCode = "110101001001", Kind = "basic", Boundary = polygon };
            write.Db.Grids.Add(grid);
            await write.CommitAsync();
            id = grid.Id;
        }
        await using var stale = await WriteSession.BeginAsync(db.DataSource);
        var row = await stale.Db.Grids.SingleAsync(g => g.Id == id);
        // Another writer moves the grid on to version 2 meanwhile.
        await db.ScalarAsync<object>($"update grids set version = 2, households = 9 where id = {id} returning id");
        row.Households = 5;
        row.Version++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.CommitAsync());
        Assert.Equal(9, await db.ScalarAsync<int>($"select households from grids where id = {id}"));
    }

    [Fact]
    public async Task A_person_saved_over_a_newer_row_fails_on_xmin()
    {
        long id;
        await using (var write = await WriteSession.BeginAsync(db.DataSource))
        {
            var person = new StaffRow { Name = "张三", Phone = "13800000000", Role = "grid_worker", StreetCode = "110101001", Assignments = [] };
            write.Db.Staff.Add(person);
            await write.CommitAsync();
            id = person.Id;
            Assert.NotEqual(0u, person.RowVersion);
        }
        await using var stale = await WriteSession.BeginAsync(db.DataSource);
        var row = await stale.Db.Staff.SingleAsync(s => s.Id == id);
        await db.ScalarAsync<object>($"update staff set phone = '13900000000' where id = {id} returning id");
        row.Name = "李四";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.CommitAsync());
        Assert.Equal("张三", await db.ScalarAsync<string>($"select name from staff where id = {id}"));
    }
}
