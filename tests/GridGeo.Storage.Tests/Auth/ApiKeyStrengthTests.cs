using GridGeo.Storage.Auth;

namespace GridGeo.Storage.Tests.Auth;

/// <summary>A key brought with <c>keys create --key</c> must be about as hard to guess as a generated one.</summary>
public sealed class ApiKeyStrengthTests
{
    [Fact]
    public void Generated_keys_are_strong()
    {
        for (var i = 0; i < 50; i++) Assert.Null(ApiKeyStrength.Weakness(ApiKeySecrets.NewKey()));
    }

    [Theory]
    [InlineData("short-key-1234", "at least 24")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "different characters")]
    [InlineData("password-password-password-password", "different characters")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789", "runs")]
    [InlineData("dev key with spaces 0123456789 abcdef", "white space")]
    [InlineData("xyzw1234xyzw1234xyzw1234xyzw5678", "repeats a pattern")]
    public void Weak_keys_are_refused_naming_the_rule(string key, string rule) =>
        Assert.Contains(rule, ApiKeyStrength.Weakness(key));
}
