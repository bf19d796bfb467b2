using GridGeo.Storage.Events;
using GridGeo.Testing;
using Npgsql;

namespace GridGeo.Storage.Tests.Events;

/// <summary>The group commit of new events: every caller's event stored with its audit entry, many per transaction, a bad one failing alone.</summary>
public sealed class EventWriterTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static NewEvent Event(string category, int n) =>
        new(Guid.CreateVersion7(), category, $"楼道堆放杂物 {n}", 106.7 + n * 1e-5, 26.5, null, "520102001001001", "520102001001001001", null, "test", null);

    private Task<long> CountAsync(string sql, string category) =>
        db.ScalarAsync<long>(sql.Replace("@category", $"'{category}'", StringComparison.Ordinal));

    [Fact]
    public async Task Concurrent_reports_are_each_stored_with_their_audit_entry_in_fewer_transactions_than_events()
    {
        const int n = 200;
        var category = $"c{Guid.NewGuid():N}"[..20];
        await using var writer = new EventWriter(db.DataSource);
        var events = Enumerable.Range(0, n).Select(i => Event(category, i)).ToList();
        var times = await Task.WhenAll(events.Select(e => writer.WriteAsync(e)));

        Assert.Equal(n, await CountAsync("select count(*) from events where category = @category", category));
        Assert.Equal(n, await CountAsync("""
            select count(*) from audit_log a join events e on a.entity = 'event/' || e.id
            where e.category = @category and a.action = 'event.report' and a.at = e.reported_at and a.after->>'category' = e.category
            """, category));
        // Each caller hears the time of the transaction that stored its event: one time per transaction.
        var transactions = await CountAsync("select count(distinct reported_at) from events where category = @category", category);
        Assert.Equal(transactions, times.Distinct().Count());
        Assert.InRange(transactions, 1, n - 1);
        Assert.Equal(n, await CountAsync("select count(*) from events where category = @category and status = 'reported' and grid_code = reported_grid_code and st_x(location) > 106.7 - 1e-9", category));
    }

    [Fact]
    public async Task An_event_the_table_refuses_fails_alone_and_the_others_of_its_batch_are_stored()
    {
        var category = $"c{Guid.NewGuid():N}"[..20];
        await using var writer = new EventWriter(db.DataSource);
        // A category over 50 characters breaks the table's check: that report fails, its batch-mates do not.
        var good = Enumerable.Range(0, 30).Select(i => Event(category, i)).ToList();
        var bad = Event(new string('x', 51), 99);
        var writes = good.Select(e => writer.WriteAsync(e)).Append(writer.WriteAsync(bad)).ToList();
        var failed = await Assert.ThrowsAsync<PostgresException>(() => writes[^1]);
        Assert.Equal(PostgresErrorCodes.CheckViolation, failed.SqlState);
        await Task.WhenAll(writes.Take(good.Count));
        Assert.Equal(good.Count, await CountAsync("select count(*) from events where category = @category", category));
        Assert.Equal(0L, await db.ScalarAsync<long>($"select count(*) from events where id = '{bad.Id}'"));
    }
}
