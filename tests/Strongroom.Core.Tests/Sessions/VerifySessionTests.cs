using Microsoft.Extensions.Time.Testing;
using Strongroom.Core.Hub;
using Strongroom.Core.Sessions;

namespace Strongroom.Core.Tests.Sessions;

public sealed class VerifySessionTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly MemoryStore _store = new();

    [Fact]
    public async Task Execute_LiveSessionOfAnActiveUser_ReturnsIt()
    {
        var session = _store.Add("cookie", "csrf", _time.GetUtcNow().AddHours(1), active: true);

        var found = await new VerifySession(_store, _time).ExecuteAsync("cookie", CancellationToken.None);

        Assert.Same(session, found?.Session);
    }

    [Fact]
    public async Task Execute_ExpiredSessionOrDisabledUserOrUnknownCookie_IsNoSession()
    {
        _store.Add("expired", "csrf", _time.GetUtcNow().AddHours(1), active: true);
        _store.Add("disabled", "csrf", _time.GetUtcNow().AddHours(2), active: false);
        var verify = new VerifySession(_store, _time);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Null(await verify.ExecuteAsync("expired", CancellationToken.None));
        Assert.Null(await verify.ExecuteAsync("disabled", CancellationToken.None));
        Assert.Null(await verify.ExecuteAsync("unknown", CancellationToken.None));
        Assert.Null(await verify.ExecuteAsync(new string('x', VerifySession.MaxSecretLength), CancellationToken.None));
        Assert.Equal(3, _store.Lookups); // the over-long cookie never reached storage
    }

    [Fact]
    public void CsrfMatches_OnlyTheTokenIssuedWithTheSession()
    {
        var session = _store.Add("cookie", "the-csrf", _time.GetUtcNow().AddHours(1), active: true);

        Assert.True(VerifySession.CsrfMatches(session, "the-csrf"));
        Assert.False(VerifySession.CsrfMatches(session, "the-csrF"));
        Assert.False(VerifySession.CsrfMatches(session, ""));
        Assert.False(VerifySession.CsrfMatches(session, null));
    }

    private sealed class MemoryStore : ISessionStore
    {
        private readonly Dictionary<string, (Session, User)> _sessions = new(StringComparer.Ordinal);

        public int Lookups { get; private set; }

        public Session Add(string cookie, string csrf, DateTimeOffset expires, bool active)
        {
            var user = new User { Id = Ids.New(), Name = "u" + _sessions.Count, Email = "u@example.test", PasswordHash = "x", IsActive = active };
            var session = new Session { Hash = VerifySession.Hash(cookie), CsrfHash = VerifySession.Hash(csrf), UserId = user.Id, ExpiresAt = expires };
            _sessions[Convert.ToHexString(session.Hash)] = (session, user);
            return session;
        }

        public Task<(Session Session, User User)?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken)
        {
            Lookups++;
            return Task.FromResult<(Session, User)?>(_sessions.TryGetValue(Convert.ToHexString(hash), out var found) ? found : null);
        }
    }
}
