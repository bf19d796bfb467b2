using GridGeo.Testing;

namespace GridGeo.Storage.Tests.Model;

/// <summary>The schema check finds drift: a database changed behind the model's back is reported, naming table and column.</summary>
public sealed class ModelSchemaDriftTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_changed_type_a_dropped_column_and_a_new_required_column_are_each_reported()
    {
        await db.ScalarAsync<object>("""
            alter table audit_log alter column who type varchar(50);
            alter table api_keys drop column revoked_at;
            alter table staff add column badge text not null default 'x';
            alter table staff alter column badge drop default;
            select 1
            """);
        var problems = await ModelSchemaComparer.CompareAsync(db.DataSource);
        Assert.Contains(problems, p => p.StartsWith("audit_log.who: the model's type is text, the database's character varying(50)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("api_keys.revoked_at: the model maps", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("staff.badge: not null without a default", StringComparison.Ordinal));
        Assert.Equal(3, problems.Count);
    }
}
