using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Strongroom.Core.Authorization;
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

    private readonly AccessChanges _changes = new();

    [Fact]
    public async Task Execute_CacheHit_AllocatesNothing()
    {
        var token = TokenFormat.Generate("sr", TokenKind.FineGrained);
        _store.Add(token, NewRecord(token), Owner());
        var verifier = Verifier();
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await verifier.ExecuteAsync(token, CancellationToken.None)).Succeeded);
        }

        var synchronous = true;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            var pending = verifier.ExecuteAsync(token, CancellationToken.None);
            synchronous &= pending.IsCompletedSuccessfully;
            await pending;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(synchronous);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Execute_ConcurrentMisses_ShareOneLookup()
    {
        var token = TokenFormat.Generate("sr", TokenKind.FineGrained);
        _store.Add(token, NewRecord(token), Owner());
        _store.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = new TokenCache(_changes, Options.Create(new TokenOptions()), _time);

        var requests = Enumerable.Range(0, 8).Select(_ => Verifier(cache).ExecuteAsync(token, CancellationToken.None).AsTask()).ToList();
        _store.Gate.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, _store.Lookups);
    }

    [Fact]
    public async Task Execute_AfterAccessChange_LooksUpAgainEvenWhileALoadIsUnderWay()
    {
        var token = TokenFormat.Generate("sr", TokenKind.FineGrained);
        _store.Add(token, NewRecord(token), Owner());
        var cache = new TokenCache(_changes, Options.Create(new TokenOptions()), _time);
        Assert.True((await Verifier(cache).ExecuteAsync(token, CancellationToken.None)).Succeeded);
        _store.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        _changes.CallersChanged();
        var first = Verifier(cache).ExecuteAsync(token, CancellationToken.None).AsTask();
        _changes.CallersChanged(); // a change committed while the first request's load is in flight
        var second = Verifier(cache).ExecuteAsync(token, CancellationToken.None).AsTask();
        _store.Gate.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(3, _store.Lookups);
    }

    private VerifyToken Verifier() => Verifier(new TokenCache(_changes, Options.Create(new TokenOptions()), _time));

    private VerifyToken Verifier(TokenCache cache) => new(_store, cache, Options.Create(new TokenOptions()), _time);

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
        private readonly Dictionary<string, StoredToken> _byHash = new(StringComparer.Ordinal);
        private int _lookups;

        public int Lookups => Volatile.Read(ref _lookups);

        /// <summary>When set, lookups wait for it: a test holds a load in flight.</summary>
        public TaskCompletionSource? Gate { get; set; }

        public void Add(string token, AccessToken record, User owner) => _byHash[Convert.ToHexString(TokenFormat.Hash(token))] = new StoredToken(record, owner, []);

        public async Task<StoredToken?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _lookups);
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            return _byHash.TryGetValue(Convert.ToHexString(hash), out var found) ? found : null;
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
