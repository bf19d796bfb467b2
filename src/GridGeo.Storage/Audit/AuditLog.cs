using System.Text.Json;
using GridGeo.Storage.Model;
using Npgsql;

namespace GridGeo.Storage.Audit;

/// <summary>Writes entries of <c>audit_log</c> that are not part of a change, e.g. a bulk read of personal data.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(string who, string action, string entity, object details, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var db = GridGeoDbContext.On(conn);
        db.AuditLog.Add(new AuditEntry { Who = who, Action = action, Entity = entity, After = JsonSerializer.Serialize(details) });
        await db.SaveChangesAsync(ct);
    }
}
