using Microsoft.Extensions.Options;
using Strongroom.Core.Passwords;

namespace Strongroom.Core.Tests.Passwords;

public sealed class PasswordHasherTests
{
    private readonly PasswordHasher _hasher = new(Options.Create(new PasswordOptions()));

    [Fact]
    public void Hash_ThenVerify_AcceptsRightAndRejectsWrongPassword()
    {
        var hash = _hasher.Hash("correct horse battery staple");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
        Assert.True(_hasher.Verify("correct horse battery staple", hash));
        Assert.False(_hasher.Verify("correct horse battery stapler", hash));
    }

    [Fact]
    public void Hash_SamePasswordTwice_UsesDifferentSalts() =>
        Assert.NotEqual(_hasher.Hash("same password here"), _hasher.Hash("same password here"));

    [Theory]
    [InlineData("")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")]
    [InlineData("$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaA")]
    public void Verify_MalformedStoredHash_IsFalse(string stored) => Assert.False(_hasher.Verify("anything", stored));
}
