namespace GridGeo.Storage.Sql;

/// <summary>The reads of API keys (<see cref="Auth.ApiKeyStore"/>, <see cref="Auth.ApiKeyCache"/>); keys are written through the write model.</summary>
internal static class ApiKeySql
{
    public const string FindByLookup = """
        select id, name, role, streets, salt, hash from api_keys where lookup = @lookup and revoked_at is null
        """;

    /// <summary>Every active key with its lookup, salt and hash (the verification cache).</summary>
    public const string Active = """
        select id, name, role, streets, lookup, salt, hash from api_keys where revoked_at is null
        """;
}
