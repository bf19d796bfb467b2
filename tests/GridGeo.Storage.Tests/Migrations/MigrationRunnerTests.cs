using GridGeo.Storage.Migrations;
using GridGeo.Testing;

namespace GridGeo.Storage.Tests.Migrations;

public sealed class MigrationRunnerTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Rerunning_applies_nothing_and_every_migration_is_recorded()
    {
        var again = await MigrationRunner.MigrateAsync(db.ConnectionString);
        Assert.Empty(again);
        var recorded = await db.ScalarAsync<long>("select count(*) from schema_migrations");
        Assert.Equal(MigrationRunner.All().Count, recorded);
    }

    [Fact]
    public async Task Concurrent_runs_both_succeed()
    {
        var runs = await Task.WhenAll(MigrationRunner.MigrateAsync(db.ConnectionString), MigrationRunner.MigrateAsync(db.ConnectionString));
        Assert.All(runs, Assert.Empty);
    }

    [Fact]
    public void Migrations_are_ordered_and_unique()
    {
        var versions = MigrationRunner.All().Select(m => m.Version).ToList();
        Assert.NotEmpty(versions);
        Assert.Equal(versions.Order(StringComparer.Ordinal), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Theory]
    [InlineData("insert into communities (code, street_code, name, boundary) values ('12345', '123456789', 'x', st_geomfromtext('POLYGON((0 0,1 0,1 1,0 0))', 4326))")]
    [InlineData("insert into plans (kind) values ('guess')")]
    [InlineData("insert into plans (kind, status) values ('partition', 'archived')")]
    public async Task Constraints_reject_rows_that_break_the_rules(string sql)
    {
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ScalarAsync<object>(sql));
    }

    [Fact]
    public async Task A_self_intersecting_grid_boundary_is_rejected()
    {
        var plan = await db.ScalarAsync<long>("insert into plans (kind) values ('partition') returning id");
        var ex = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ScalarAsync<object>(
            $"insert into grids (plan_id, code, community_code, kind, boundary, households) values ({plan}, '110101001001001', '110101001001', 'basic', " +
            "st_geomfromtext('POLYGON((0 0,1 1,1 0,0 1,0 0))', 4326), 10)"));
        Assert.Equal(Npgsql.PostgresErrorCodes.CheckViolation, ex.SqlState);
    }
}
