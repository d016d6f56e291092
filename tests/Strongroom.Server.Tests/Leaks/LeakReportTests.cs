using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Tokens;
using Strongroom.Server.Features.Leaks;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Leaks;

/// <summary>
/// Tokens reported as leaked: by anyone through <c>POST /api/credentials/revoke</c>, and by GitHub's
/// secret scanning through <c>POST /api/leaks/github</c> with a signature made here with a test key pair.
/// </summary>
public abstract class LeakReportTests(LeakFixture fixture)
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task PublicRevoke_AnswersAlike_ForGarbageUnknownRevokedAndLiveTokens_AndTheLiveOneDies()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        var (_, live) = await Hub.CreateTokenAsync(alice, new { displayName = "live" });
        var (revokedId, revoked) = await Hub.CreateTokenAsync(alice, new { displayName = "revoked" });
        Assert.Equal(HttpStatusCode.NoContent, (await alice.Session.DeleteAsync($"/api/settings/tokens/{revokedId}")).StatusCode);
        var unknown = TokenFormat.Generate("sr", TokenKind.FineGrained);
        Assert.Equal(HttpStatusCode.OK, (await Server.NewClient(live).GetAsync("/api/whoami-v2")).StatusCode);

        var answers = new List<(HttpStatusCode Status, string Body, string Headers)>();
        foreach (var credential in new[] { "not a token at all", unknown, revoked, live })
        {
            using var response = await Server.NewClient().PostAsJsonAsync("/api/credentials/revoke", new { credentials = new[] { credential } });
            var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").Select(h => h.Key + ": " + string.Join(',', h.Value)).Order());
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(), headers));
        }

        await Server.Services.GetRequiredService<LeakReportWorker>().DrainAsync(CancellationToken.None);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Single(answers.Select(a => a.Headers).Distinct());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.NewClient(live).GetAsync("/api/whoami-v2")).StatusCode);
        var tokens = await ApiAssert.JsonAsync(await alice.Session.GetAsync("/api/settings/tokens"));
        Assert.Contains(tokens.EnumerateArray(), t => t.GetProperty("displayName").GetString() == "live" && t.GetProperty("status").GetString() == "leaked");

        // The owner hears of it once, without the token, even when it is reported again.
        await Server.NewClient().PostAsJsonAsync("/api/credentials/revoke", new { credentials = new[] { live, live } });
        await Server.Services.GetRequiredService<LeakReportWorker>().DrainAsync(CancellationToken.None);
        await fixture.Smtp.WaitForAsync(m => m.To.ToString().Contains(alice.Name, StringComparison.Ordinal), count: 2, seconds: 3); // a second one would arrive now
        var email = Assert.Single(fixture.Smtp.Messages, m => m.To.ToString().Contains(alice.Name, StringComparison.Ordinal));
        Assert.Contains("\"live\"", email.Subject, StringComparison.Ordinal);
        Assert.Contains("reported publicly", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(live[^4..], email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(live, email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(revoked[^4..], email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialCheck_AnswersForTheCallersOwnTokensOnly()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        var bob = await fixture.Hub.CreateUserAsync("bob");
        var (_, live) = await Hub.CreateTokenAsync(alice, new { displayName = "live" });
        var (revokedId, revoked) = await Hub.CreateTokenAsync(alice, new { displayName = "revoked" });
        await alice.Session.DeleteAsync($"/api/settings/tokens/{revokedId}");
        var (_, bobs) = await Hub.CreateTokenAsync(bob, new { displayName = "bob's" });

        var answer = await ApiAssert.JsonAsync(await Server.NewClient(live).PostAsJsonAsync("/api/credentials/check", new { credentials = new[] { live, revoked, bobs, "garbage" } }));
        var anonymous = await Server.NewClient().PostAsJsonAsync("/api/credentials/check", new { credentials = new[] { live } });

        Assert.Equal(["live", "revoked", "unknown", "unknown"], answer.GetProperty("states").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.NewClient(bobs).GetAsync("/api/whoami-v2")).StatusCode); // asking killed nothing
    }

    [Theory]
    [InlineData(1001, 10)]
    [InlineData(1, 201)]
    [InlineData(0, 10)]
    public async Task PublicRevoke_TooManyOrTooLongItems_Get400(int items, int length)
    {
        var credentials = Enumerable.Repeat(new string('x', length), items).ToArray();

        var response = await Server.NewClient().PostAsJsonAsync("/api/credentials/revoke", new { credentials });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_credentials", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHubReport_SignedWithAConfiguredKey_RevokesOurLiveToken_AndLabelsEachMatch()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        var (_, live) = await Hub.CreateTokenAsync(alice, new { displayName = "pushed to github" });
        var unknown = TokenFormat.Generate("sr", TokenKind.FineGrained);
        var body = JsonSerializer.Serialize(new[]
        {
            new { token = live, type = "strongroom_token", url = "https://github.com/alice/app/blob/abc/config.py", source = "content" },
            new { token = unknown, type = "strongroom_token", url = "https://github.com/bob/x/blob/def/a.py", source = "content" },
        });

        var response = await SendGitHubAsync(body, fixture.SigningKeyId, Sign(body));

        var feedback = await ApiAssert.JsonAsync(response);
        var labels = feedback.EnumerateArray().Select(f => (f.GetProperty("token_hash").GetString(), f.GetProperty("label").GetString())).ToList();
        Assert.Equal([(Sha256Hex(live), "true_positive"), (Sha256Hex(unknown), "false_positive")], labels);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.NewClient(live).GetAsync("/api/whoami-v2")).StatusCode);
        var tokens = await ApiAssert.JsonAsync(await alice.Session.GetAsync("/api/settings/tokens"));
        Assert.Equal("leaked", tokens.EnumerateArray().Single().GetProperty("status").GetString());
        var email = Assert.Single(await fixture.Smtp.WaitForAsync(m => m.To.ToString().Contains(alice.Name, StringComparison.Ordinal)));
        Assert.Contains("https://github.com/alice/app/blob/abc/config.py", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(live, email.TextBody + email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHubReport_AlteredBodyWrongKeyOrNoSignature_Gets401AndRevokesNothing()
    {
        var alice = await fixture.Hub.CreateUserAsync("alice");
        var (_, live) = await Hub.CreateTokenAsync(alice, new { displayName = "t" });
        var body = JsonSerializer.Serialize(new[] { new { token = live, type = "strongroom_token", url = "https://github.com/a/b", source = "content" } });
        var signature = Sign(body);

        var altered = await SendGitHubAsync(body.Replace("a/b", "a/c", StringComparison.Ordinal), fixture.SigningKeyId, signature);
        var wrongKey = await SendGitHubAsync(body, "no-such-key", signature);
        var unsigned = await SendGitHubAsync(body, null, null);
        var garbage = await SendGitHubAsync(body, fixture.SigningKeyId, "bm90IGEgc2lnbmF0dXJl");

        Assert.All(new[] { altered, wrongKey, unsigned, garbage }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await Server.NewClient(live).GetAsync("/api/whoami-v2")).StatusCode);
    }

    private async Task<HttpResponseMessage> SendGitHubAsync(string body, string? keyId, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/leaks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (keyId is not null)
        {
            request.Headers.Add("Github-Public-Key-Identifier", keyId);
        }

        if (signature is not null)
        {
            request.Headers.Add("Github-Public-Key-Signature", signature);
        }

        return await Server.NewClient().SendAsync(request);
    }

    private string Sign(string body) =>
        Convert.ToBase64String(fixture.SigningKey.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    private static string Sha256Hex(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}

/// <summary>A server whose GitHub partner keys file holds the public half of a key pair made for the tests.</summary>
public abstract class LeakFixture : IAsyncLifetime
{
    private readonly DbProvider _provider;
    private readonly string _keysFile = Path.Combine(Path.GetTempPath(), "strongroom-github-keys-" + Guid.NewGuid().ToString("N") + ".json");

    protected LeakFixture(DbProvider provider) => _provider = provider;

    public ECDsa SigningKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string SigningKeyId { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    public TestServer Server { get; private set; } = null!;

    public Hub Hub { get; private set; } = null!;

    /// <summary>Where the server sends its email.</summary>
    public TestSmtpServer Smtp { get; } = new();

    public async Task InitializeAsync()
    {
        var other = ECDsa.Create(ECCurve.NamedCurves.nistP256); // a second, older key in the file, as GitHub publishes several
        await File.WriteAllTextAsync(_keysFile, JsonSerializer.Serialize(new
        {
            public_keys = new[]
            {
                new { key_identifier = "older", key = other.ExportSubjectPublicKeyInfoPem(), is_current = false },
                new { key_identifier = SigningKeyId, key = SigningKey.ExportSubjectPublicKeyInfoPem(), is_current = true },
            },
        }));
        var settings = new Dictionary<string, string>(Smtp.Settings()) { ["Leaks:GitHubPublicKeysFile"] = _keysFile };
        Server = await TestServer.StartAsync(_provider, settings);
        Hub = new Hub(Server);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Smtp.DisposeAsync();
        File.Delete(_keysFile);
        SigningKey.Dispose();
    }
}

public sealed class SqliteLeakFixture() : LeakFixture(DbProvider.Sqlite);

public sealed class PostgresLeakFixture() : LeakFixture(DbProvider.Postgres);

public sealed class LeakReportSqliteTests(SqliteLeakFixture fixture) : LeakReportTests(fixture), IClassFixture<SqliteLeakFixture>;

public sealed class LeakReportPostgresTests(PostgresLeakFixture fixture) : LeakReportTests(fixture), IClassFixture<PostgresLeakFixture>;

/// <summary>The public revoke endpoint's per-address rate limit, on a server of its own (the limit is per process).</summary>
public sealed class PublicRevokeRateLimitTests
{
    [Fact]
    public async Task PublicRevoke_BurstFromOneAddress_EndsIn429WithRetryAfter()
    {
        await using var server = await TestServer.StartAsync(DbProvider.Sqlite, new Dictionary<string, string> { ["Leaks:RevokeRateLimit"] = "5" });
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add(await server.NewClient().PostAsJsonAsync("/api/credentials/revoke", new { credentials = new[] { "x" + i } }));
        }

        Assert.All(statuses.Take(5), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var refused = statuses[^1];
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}
