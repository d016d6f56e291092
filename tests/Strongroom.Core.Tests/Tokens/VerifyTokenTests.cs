using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Core.Tests.Tokens;

public sealed class VerifyTokenTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingTokenStore _store = new();

    [Fact]
    public async Task Execute_BadChecksum_IsRefusedWithoutTouchingStorage()
    {
        var token = TokenFormat.Generate("sr", TokenKind.FineGrained);
        _store.Add(token, NewRecord(token), Owner());
        var mutated = token[..^1] + (token[^1] == '0' ? '1' : '0');

        var result = await Verifier().ExecuteAsync(mutated, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("invalid_token", result.ErrorCode);
        Assert.Equal(0, _store.Lookups);
    }

    [Fact]
    public async Task Execute_WrongPrefix_IsRefusedWithoutTouchingStorage()
    {
        var token = TokenFormat.Generate("hf", TokenKind.FineGrained);

        var result = await Verifier().ExecuteAsync(token, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(0, _store.Lookups);
    }

    [Fact]
    public async Task Execute_ValidToken_LooksUpOnceThenServesFromCache()
    {
        var token = TokenFormat.Generate("sr", TokenKind.FineGrained);
        _store.Add(token, NewRecord(token), Owner());
        var verifier = Verifier();

        var first = await verifier.ExecuteAsync(token, CancellationToken.None);
        var second = await verifier.ExecuteAsync(token, CancellationToken.None);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal(1, _store.Lookups);
    }

    [Fact]
    public async Task Execute_Expired_IsRefusedWithExpiredCode()
    {
        var token = TokenFormat.Generate("sr", TokenKind.FineGrained);
        var record = NewRecord(token);
        record.ExpiresAt = _time.GetUtcNow().AddMinutes(5);
        _store.Add(token, record, Owner());
        var verifier = Verifier();
        Assert.True((await verifier.ExecuteAsync(token, CancellationToken.None)).Succeeded);

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal("token_expired", (await verifier.ExecuteAsync(token, CancellationToken.None)).ErrorCode);
    }

    [Fact]
    public async Task Execute_RevokedOrOwnerDisabled_IsRefused()
    {
        var revoked = TokenFormat.Generate("sr", TokenKind.FineGrained);
        var revokedRecord = NewRecord(revoked);
        revokedRecord.Status = TokenStatus.Revoked;
        _store.Add(revoked, revokedRecord, Owner());
        var disabled = TokenFormat.Generate("sr", TokenKind.FineGrained);
        var owner = Owner();
        owner.IsActive = false;
        _store.Add(disabled, NewRecord(disabled), owner);

        Assert.False((await Verifier().ExecuteAsync(revoked, CancellationToken.None)).Succeeded);
        Assert.False((await Verifier().ExecuteAsync(disabled, CancellationToken.None)).Succeeded);
    }

    private VerifyToken Verifier() =>
        new(_store, new MemoryCache(new MemoryCacheOptions()), Options.Create(new TokenOptions()), _time);

    private AccessToken NewRecord(string token) => new()
    {
        Id = Ids.New(),
        UserId = "u",
        Kind = TokenKind.FineGrained,
        Role = TokenRole.FineGrained,
        DisplayName = "t",
        Hash = TokenFormat.Hash(token),
        Last4 = token[^4..],
        CreatedAt = _time.GetUtcNow(),
    };

    private static User Owner() => new() { Id = "u", Name = "alice", Email = "a@example.test", PasswordHash = "x" };

    /// <summary>An in-memory store that counts lookups, so a test can prove storage was not touched.</summary>
    private sealed class RecordingTokenStore : ITokenStore
    {
        private readonly Dictionary<string, (AccessToken, User?)> _byHash = new(StringComparer.Ordinal);

        public int Lookups { get; private set; }

        public void Add(string token, AccessToken record, User owner) => _byHash[Convert.ToHexString(TokenFormat.Hash(token))] = (record, owner);

        public Task<(AccessToken Token, User? Owner)?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken)
        {
            Lookups++;
            return Task.FromResult<(AccessToken, User?)?>(_byHash.TryGetValue(Convert.ToHexString(hash), out var found) ? found : null);
        }

        public Task<AccessToken?> FindByIdAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<(AccessToken Token, User? Owner)>> FindManyByHashAsync(IReadOnlyCollection<byte[]> hashes, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AccessToken>> ListForUserAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> CountActiveForUserAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task AddAsync(AccessToken token, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpdateAsync(AccessToken token, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task TouchAsync(string id, DateTimeOffset at, string? ip, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
