namespace GridGeo.Storage.Model;

/// <summary>A row of <c>api_keys</c> (migration 0003): a key's name, role, streets and salted hash; never the key itself.</summary>
public sealed class ApiKeyRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string[] Streets { get; set; } = [];
    public string Lookup { get; set; } = "";
    public byte[] Salt { get; set; } = [];
    public byte[] Hash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
