using Microsoft.Extensions.Options;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Data.Tokens;

namespace Strongroom.Tokens.Benchmarks;

/// <summary>
/// A database holding 10,000 fine-grained tokens of one user who belongs to three orgs, as the verification
/// benchmarks read it; returns the last token minted.
/// </summary>
internal static class BenchHub
{
    public static async Task<string> SeedAsync(StrongroomDb db)
    {
        await db.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var user = new User { Id = Ids.New(), Name = "bench" + Ids.New()[..6], Email = "b@example.test", PasswordHash = "x", CreatedAt = now };
        db.Users.Add(user);
        for (var i = 0; i < 3; i++)
        {
            var org = new Organization { Id = Ids.New(), Name = $"org{i}-{Ids.New()[..6]}", CreatedAt = now };
            db.Organizations.Add(org);
            db.Memberships.Add(new Membership { OrgId = org.Id, UserId = user.Id, Role = OrgRole.Write, CreatedAt = now });
        }

        var token = "";
        for (var i = 0; i < 10_000; i++)
        {
            token = TokenFormat.Generate("sr", TokenKind.FineGrained);
            db.Tokens.Add(new AccessToken
            {
                Id = Ids.New(), UserId = user.Id, Kind = TokenKind.FineGrained, Role = TokenRole.FineGrained, DisplayName = "t",
                Hash = TokenFormat.Hash(token), Last4 = token[^4..], CreatedAt = now,
            });
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return token;
    }

    /// <summary>
    /// A verifier over <paramref name="db"/> whose cache keeps tokens for <paramref name="ttl"/> (zero: every call is
    /// a miss), looking tokens up through <paramref name="sqliteLookup"/> when given (as the server does on SQLite).
    /// </summary>
    public static VerifyToken Verifier(StrongroomDb db, TimeSpan ttl, SqliteTokenLookup? sqliteLookup = null, PostgresTokenLookup? postgresLookup = null)
    {
        var options = Options.Create(new TokenOptions { CacheTtl = ttl });
        return new VerifyToken(new EfTokenStore(() => db, sqliteLookup, postgresLookup),
            new TokenCache(new AccessChanges(), options, TimeProvider.System), options, TimeProvider.System);
    }
}
