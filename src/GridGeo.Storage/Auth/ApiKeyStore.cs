using GridGeo.Core;
using GridGeo.Storage.Model;
using GridGeo.Storage.Sql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridGeo.Storage.Auth;

/// <summary>A stored API key without its secret: who it is for, its role and (for planners) its streets.</summary>
public sealed record ApiKeyIdentity(long Id, string Name, string Role, IReadOnlyList<string> Streets);

/// <summary>
/// Stores API keys hashed (see <see cref="ApiKeySecrets"/>) and finds the identity of a presented key. Keys are written
/// through the write model (<see cref="ApiKeyRow"/>); the lookup of a presented key stays named SQL (<see cref="ApiKeySql"/>).
/// <see cref="FindAsync"/> returns null for an unknown, revoked or wrong key; it never says which.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stores a new key and returns it with its identity; the key is shown to the caller once and cannot be
    /// read back. <paramref name="key"/> lets a caller bring its own (at least <see cref="ApiKeySecrets.MinimumLength"/>
    /// characters); otherwise a random one is made. Throws <see cref="BadInputException"/> naming the rule broken.
    /// </summary>
    public async Task<(string Key, ApiKeyIdentity Identity)> CreateAsync(
        string name, string role, IReadOnlyCollection<string> streets, string? key = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            throw new BadInputException("api key", name, "a key's name must have 1 to 100 characters");
        if (!ApiRoles.IsKnown(role))
            throw new BadInputException("api key", name, $"role must be reader, planner or admin, not \"{role}\"");
        var bad = streets.FirstOrDefault(s => !AdminCodes.IsStreetCode(s));
        if (bad is not null) throw new BadInputException("api key", name, $"streets must be 9-digit street codes, not \"{bad}\"");
        if (role == ApiRoles.Planner && streets.Count == 0)
            throw new BadInputException("api key", name, "a planner key must name at least one street");
        var scoped = role == ApiRoles.Planner ? streets.Distinct().Order(StringComparer.Ordinal).ToArray() : [];
        key ??= ApiKeySecrets.NewKey();
        if (key.Length < ApiKeySecrets.MinimumLength)
            throw new BadInputException("api key", name, $"a key must have at least {ApiKeySecrets.MinimumLength} characters");
        var salt = ApiKeySecrets.NewSalt();
        var row = new ApiKeyRow { Name = name, Role = role, Streets = scoped, Lookup = ApiKeySecrets.Lookup(key), Salt = salt, Hash = ApiKeySecrets.Hash(key, salt) };
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var db = GridGeoDbContext.On(conn);
        db.ApiKeys.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new BadInputException("api key", name, "that key is already registered");
        }
        return (key, new ApiKeyIdentity(row.Id, name, role, scoped));
    }

    /// <summary>The identity of <paramref name="key"/>, or null when it is unknown, revoked or does not match.</summary>
    public async Task<ApiKeyIdentity?> FindAsync(string key, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 512) return null;
        await using var cmd = dataSource.CreateCommand(ApiKeySql.FindByLookup);
        cmd.Parameters.AddWithValue("lookup", ApiKeySecrets.Lookup(key));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        if (!ApiKeySecrets.Verify(key, (byte[])r[4], (byte[])r[5])) return null;
        return new ApiKeyIdentity(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3));
    }

    /// <summary>Revokes the keys named <paramref name="name"/>; returns how many were active.</summary>
    public async Task<int> RevokeAsync(string name, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var db = GridGeoDbContext.On(conn);
        var now = DateTimeOffset.UtcNow;
        return await db.ApiKeys.Where(k => k.Name == name && k.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.RevokedAt, now), ct);
    }
}
