using System.Security.Cryptography;
using System.Text;

namespace GridGeo.Storage.Auth;

/// <summary>
/// Makes and checks API key secrets. A key is <c>gg_</c> + 43 URL-safe base64 characters (256 random bits).
/// The store keeps only a <em>lookup</em> (first 16 hex digits of the key's SHA-256, enough to find the
/// row and too short to stand in for the key) and SHA-256(salt ‖ key) with a random 16-byte salt;
/// <see cref="Verify"/> compares hashes in constant time.
/// </summary>
public static class ApiKeySecrets
{
    /// <summary>The shortest key accepted when a caller brings its own (a development key, say).</summary>
    public const int MinimumLength = 24;

    public static string NewKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        return "gg_" + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Lookup(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(16);

    public static byte[] Hash(string key, byte[] salt)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var buffer = new byte[salt.Length + keyBytes.Length];
        salt.CopyTo(buffer, 0);
        keyBytes.CopyTo(buffer, salt.Length);
        return SHA256.HashData(buffer);
    }

    public static bool Verify(string key, byte[] salt, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(key, salt), expectedHash);
}
