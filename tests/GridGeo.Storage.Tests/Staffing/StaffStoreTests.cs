using GridGeo.Core;
using GridGeo.Core.Staffing;
using GridGeo.Storage.Staffing;
using GridGeo.Testing;

namespace GridGeo.Storage.Tests.Staffing;

/// <summary>Roster writes through the write model: audited, serialised per person, all-or-nothing for an import.</summary>
public sealed class StaffStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static StaffPersonInput Person(string name, string phone, string street) => new(name, phone, "grid_worker", street, []);

    [Fact]
    public async Task Create_update_and_delete_each_commit_with_their_audit_entry()
    {
        var store = new StaffStore(db.DataSource);
        var created = await store.CreateAsync(Person("王芳", "13800000001", "110101101"), "tester");
        var updated = await store.UpdateAsync(created.Id, Person("王芳芳", "13800000002", "110101101"), "tester");
        Assert.Equal("王芳芳", updated!.Name);
        Assert.Equal("13800000002", (await store.GetAsync(created.Id))!.Phone);
        Assert.True(await store.DeleteAsync(created.Id, "tester"));
        Assert.Null(await store.GetAsync(created.Id));
        Assert.False(await store.DeleteAsync(created.Id, "tester"));

        var actions = await db.ScalarAsync<string>(
            $"select string_agg(action || ':' || coalesce(before ->> 'name', '-') || '>' || coalesce(after ->> 'name', '-'), ',' order by id) from audit_log where entity = 'staff/{created.Id}'");
        Assert.Equal("staff.create:->王芳,staff.update:王芳>王芳芳,staff.delete:王芳芳>-", actions);
    }

    [Fact]
    public async Task Concurrent_updates_of_one_person_serialise_and_each_is_audited()
    {
        var store = new StaffStore(db.DataSource);
        var created = await store.CreateAsync(Person("赵磊", "13800000010", "110101102"), "tester");
        var a = Person("赵磊甲", "13800000011", "110101102");
        var b = Person("赵磊乙", "13800000012", "110101102");
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => store.UpdateAsync(created.Id, i % 2 == 0 ? a : b, $"writer{i}")));
        Assert.All(results, Assert.NotNull);
        // Never a mix of the two writes: the stored person is one of them, whole.
        var stored = (await store.GetAsync(created.Id))!;
        Assert.Contains($"{stored.Name}|{stored.Phone}", new[] { $"{a.Name}|{a.Phone}", $"{b.Name}|{b.Phone}" });
        Assert.Equal(6L, await db.ScalarAsync<long>($"select count(*) from audit_log where entity = 'staff/{created.Id}' and action = 'staff.update'"));
    }

    [Fact]
    public async Task An_import_naming_an_unknown_id_writes_nothing()
    {
        var store = new StaffStore(db.DataSource);
        var kept = await store.CreateAsync(Person("钱进", "13800000020", "110101103"), "tester");
        var rows = new List<(int, long?, StaffPersonInput)>
        {
            (2, kept.Id, Person("钱进进", "13800000021", "110101103")),
            (3, null, Person("孙新", "13800000022", "110101103")),
            (4, 999_999, Person("李无", "13800000023", "110101103")),
        };
        var ex = await Assert.ThrowsAsync<BadInputException>(() => store.ImportAsync(rows, "roster.csv", false, "tester"));
        Assert.Contains("line 4", ex.Message);
        Assert.Contains("999999", ex.Message);
        Assert.Equal("钱进", (await store.GetAsync(kept.Id))!.Name);
        Assert.Single(await store.ListAsync(street: "110101103"));

        var (added, updated, removed) = await store.ImportAsync(rows.Take(2).ToList(), "roster.csv", true, "tester");
        Assert.Equal((1, 1, 0), (added, updated, removed));
        Assert.Equal(new[] { "钱进进", "孙新" }, (await store.ListAsync(street: "110101103")).Select(p => p.Name));
    }
}
