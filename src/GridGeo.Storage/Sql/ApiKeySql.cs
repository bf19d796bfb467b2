namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Auth.ApiKeyStore"/>.</summary>
internal static class ApiKeySql
{
    /// <summary>Returns no row (null id) when the same key is already registered.</summary>
    public const string Insert = """
        insert into api_keys (name, role, streets, lookup, salt, hash) values (@name, @role, @streets, @lookup, @salt, @hash)
        on conflict (lookup) do nothing
        returning id
        """;

    public const string FindByLookup = """
        select id, name, role, streets, salt, hash from api_keys where lookup = @lookup and revoked_at is null
        """;

    /// <summary>Every active key with its lookup, salt and hash (the verification cache).</summary>
    public const string Active = """
        select id, name, role, streets, lookup, salt, hash from api_keys where revoked_at is null
        """;

    public const string Revoke = "update api_keys set revoked_at = now() where name = @name and revoked_at is null";
}
