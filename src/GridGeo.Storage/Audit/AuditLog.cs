using System.Text.Json;
using Dapper;
using GridGeo.Storage.Sql;
using Npgsql;

namespace GridGeo.Storage.Audit;

/// <summary>Writes entries of <c>audit_log</c> that are not part of a change, e.g. a bulk read of personal data.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(string who, string action, string entity, object details, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(PlanSql.Audit,
            new { who, action, entity, before = (string?)null, after = JsonSerializer.Serialize(details) }, cancellationToken: ct));
    }
}
