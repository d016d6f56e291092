using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Data;
using Strongroom.Server.Tests.Infrastructure;
using static Strongroom.Server.Tests.Infrastructure.ApiAssert;

namespace Strongroom.Server.Tests.Runtime;

/// <summary>
/// Runtime delivery: runner credentials, a Space start that opens its secrets for the runner alone,
/// and the workload token that acts on that one Space until it expires, on each database and KMS provider.
/// </summary>
public abstract class RuntimeTests(ServerFixture fixture)
{
    private TestServer Server => fixture.Server;

    private Hub Hub => fixture.Hub;

    private sealed record SpaceSetup(TestUser Owner, string Space, HttpClient Manager);

    private sealed record Started(string WorkloadToken, DateTimeOffset ExpiresAt, JsonElement Body);

    private async Task<(string Id, string Token)> CreateRunnerAsync()
    {
        var admin = await Hub.AdminAsync();
        var body = await JsonAsync(await admin.PostAsJsonAsync("/api/admin/runners", new { name = Hub.Unique("runner") }), HttpStatusCode.Created);
        return (body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }

    private async Task<SpaceSetup> SpaceAsync(bool isPrivate = true)
    {
        var (owner, space) = await Hub.CreateSpaceAsync(isPrivate);
        var token = await Hub.CreateSpaceTokenAsync(owner, space, "repo.secrets.write", "repo.content.read", "repo.write");
        return new SpaceSetup(owner, space, Server.NewClient(token));
    }

    private async Task<Started> StartAsync(string runnerToken, string space)
    {
        var response = await Server.NewClient(runnerToken).PostAsync($"/api/spaces/{space}/runtime/start", null);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await JsonAsync(response);
        var workload = body.GetProperty("workloadToken");
        return new Started(workload.GetProperty("token").GetString()!, workload.GetProperty("expiresAt").GetDateTimeOffset(), body);
    }

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await JsonAsync(response, expected);
        return body.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Runners_AreCreatedByHubAdminsOnly_AndListedWithoutTheirToken()
    {
        var (id, token) = await CreateRunnerAsync();
        var someone = await Hub.CreateUserAsync();

        Assert.Matches("^sr_r[0-9A-Za-z]{38}$", token);
        var listing = await (await Hub.AdminAsync()).GetStringAsync("/api/admin/runners");
        Assert.Contains(id, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listing, StringComparison.Ordinal);
        Assert.Equal("admin_session_required", await ErrorCodeAsync(await someone.Session.PostAsJsonAsync("/api/admin/runners", new { name = "mine" }), HttpStatusCode.Forbidden));
        Assert.Equal("not_a_user_token", await ErrorCodeAsync(await Server.NewClient(token).GetAsync("/api/whoami-v2"), HttpStatusCode.Unauthorized));
        Assert.Equal("invalid_runner_name", await ErrorCodeAsync(await (await Hub.AdminAsync()).PostAsJsonAsync("/api/admin/runners", new { name = "no spaces" }), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Start_DeliversVariablesOpenedSecretsAndAWorkloadToken_AndAuditsKeysNeverValues()
    {
        var setup = await SpaceAsync();
        var apiKey = "sk-live-" + Guid.NewGuid().ToString("N");
        var dbPassword = "pw-" + Guid.NewGuid().ToString("N");
        await JsonAsync(await setup.Manager.PostAsJsonAsync($"/api/spaces/{setup.Space}/secrets", new { key = "API_KEY", value = apiKey }));
        await JsonAsync(await setup.Manager.PostAsJsonAsync($"/api/spaces/{setup.Space}/secrets", new { key = "DB_PASSWORD", value = dbPassword }));
        await JsonAsync(await setup.Manager.PostAsJsonAsync($"/api/spaces/{setup.Space}/variables", new { key = "MODEL", value = "acme/bert" }));
        var (runnerId, runner) = await CreateRunnerAsync();

        var started = await StartAsync(runner, setup.Space);

        Assert.Equal(apiKey, started.Body.GetProperty("secrets").GetProperty("API_KEY").GetString());
        Assert.Equal(dbPassword, started.Body.GetProperty("secrets").GetProperty("DB_PASSWORD").GetString());
        Assert.Equal("acme/bert", started.Body.GetProperty("variables").GetProperty("MODEL").GetString());
        Assert.Matches("^sr_w[0-9A-Za-z]{38}$", started.WorkloadToken);
        Assert.Equal(Server.Time.GetUtcNow().AddHours(1), started.ExpiresAt, TimeSpan.FromMinutes(1));

        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Action == "space.runtime.start" && e.Target == "space:" + setup.Space).ToListAsync();
        var opening = Assert.Single(events);
        Assert.Equal(runnerId, opening.TokenId);
        Assert.Contains("API_KEY,DB_PASSWORD", opening.DetailsJson, StringComparison.Ordinal);
        var stored = await StoredText.ReadAsync(Server);
        foreach (var value in new[] { apiKey, dbPassword, started.WorkloadToken })
        {
            Assert.DoesNotContain(value, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(value, Server.Logs.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_NeedsARunnerCredential()
    {
        var setup = await SpaceAsync();
        var (_, everything) = await Hub.CreateTokenAsync(setup.Owner, new { displayName = "all", fineGrained = new { global = new[] { "repo.content.read", "repo.write", "repo.secrets.write" } } });
        var (_, runner) = await CreateRunnerAsync();
        var path = $"/api/spaces/{setup.Space}/runtime/start";

        Assert.Equal("runner_required", await ErrorCodeAsync(await Server.NewClient().PostAsync(path, null), HttpStatusCode.Unauthorized));
        Assert.Equal("runner_required", await ErrorCodeAsync(await Server.NewClient(everything).PostAsync(path, null), HttpStatusCode.Forbidden));
        Assert.Equal("runner_required", await ErrorCodeAsync(await setup.Manager.PostAsync(path, null), HttpStatusCode.Forbidden));
        Assert.Equal("space_not_found", await ErrorCodeAsync(await Server.NewClient(runner).PostAsync($"/api/spaces/{setup.Owner.Name}/no-such-space/runtime/start", null), HttpStatusCode.NotFound));
        // A runner credential reaches nothing but the runtime endpoints.
        Assert.Equal(HttpStatusCode.NotFound, (await Server.NewClient(runner).GetAsync($"/api/spaces/{setup.Space}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.NewClient(runner).GetAsync($"/api/spaces/{setup.Space}/secrets")).StatusCode);
    }

    [Fact]
    public async Task WorkloadToken_ActsOnItsOwnSpaceOnly_AndManagesNothing()
    {
        var setup = await SpaceAsync();
        var otherPrivate = Hub.Unique("other");
        await Hub.CreateRepoAsync(setup.Owner, setup.Owner.Name, otherPrivate, isPrivate: true, "space");
        var stranger = await Hub.CreateUserAsync("stranger");
        var publicModel = Hub.Unique("bert");
        await Hub.CreateRepoAsync(stranger, stranger.Name, publicModel, isPrivate: false);
        var (_, runner) = await CreateRunnerAsync();
        var workload = Server.NewClient((await StartAsync(runner, setup.Space)).WorkloadToken);

        Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync($"/api/spaces/{setup.Space}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await workload.GetAsync($"/api/spaces/{setup.Owner.Name}/{otherPrivate}")).StatusCode);
        Assert.Equal("workload_scope", await ErrorCodeAsync(await workload.GetAsync($"/api/models/{stranger.Name}/{publicModel}"), HttpStatusCode.Forbidden));
        // Tokens are managed with a person's session only; secrets need repo.secrets.write, which it never has.
        Assert.Equal("session_required", await ErrorCodeAsync(await workload.GetAsync("/api/settings/tokens"), HttpStatusCode.Forbidden));
        Assert.Equal("session_required", await ErrorCodeAsync(await workload.PostAsJsonAsync("/api/settings/tokens", new { displayName = "escape" }), HttpStatusCode.Forbidden));
        Assert.Equal("token_scope", await ErrorCodeAsync(await workload.GetAsync($"/api/spaces/{setup.Space}/secrets"), HttpStatusCode.Forbidden));
        Assert.Equal("token_scope", await ErrorCodeAsync(await workload.PostAsJsonAsync($"/api/spaces/{setup.Space}/secrets", new { key = "X", value = "y" }), HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.Forbidden, (await workload.PutAsJsonAsync($"/api/spaces/{setup.Space}/settings", new { workloadCanWrite = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.PostAsJsonAsync("/api/repos/create", new { name = "spawn", type = "model" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync("/api/whoami-v2")).StatusCode);
    }

    [Fact]
    public async Task WorkloadToken_WritesItsSpaceOnlyWhenTheSpaceSettingsSaySo()
    {
        var setup = await SpaceAsync();
        var (_, runner) = await CreateRunnerAsync();
        var check = new { permission = "repo.write", resource = new { type = "space", name = setup.Space } };

        var readOnly = Server.NewClient((await StartAsync(runner, setup.Space)).WorkloadToken);
        var before = await JsonAsync(await readOnly.PostAsJsonAsync("/api/auth/check", check));
        await JsonAsync(await setup.Owner.Session.PutAsJsonAsync($"/api/spaces/{setup.Space}/settings", new { workloadCanWrite = true }));
        var writer = Server.NewClient((await StartAsync(runner, setup.Space)).WorkloadToken);
        var after = await JsonAsync(await writer.PostAsJsonAsync("/api/auth/check", check));

        Assert.False(before.GetProperty("allowed").GetBoolean());
        Assert.True(after.GetProperty("allowed").GetBoolean());
        var model = Hub.Unique("model");
        await Hub.CreateRepoAsync(setup.Owner, setup.Owner.Name, model, isPrivate: true);
        Assert.Equal("invalid_setting", await ErrorCodeAsync(
            await setup.Owner.Session.PutAsJsonAsync($"/api/models/{setup.Owner.Name}/{model}/settings", new { workloadCanWrite = true }), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task WorkloadToken_Expires_UnlessTheRunnerRenewsIt_AndStopKillsIt()
    {
        var setup = await SpaceAsync();
        var (_, runner) = await CreateRunnerAsync();
        var (_, otherRunner) = await CreateRunnerAsync();
        var own = $"/api/spaces/{setup.Space}";

        var lapsing = Server.NewClient((await StartAsync(runner, setup.Space)).WorkloadToken);
        var renewed = await StartAsync(runner, setup.Space);
        var kept = Server.NewClient(renewed.WorkloadToken);
        Server.Time.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal("workload_token_not_found", await ErrorCodeAsync(
            await Server.NewClient(otherRunner).PostAsJsonAsync($"{own}/runtime/renew", new { token = renewed.WorkloadToken }), HttpStatusCode.NotFound));
        var renewal = await JsonAsync(await Server.NewClient(runner).PostAsJsonAsync($"{own}/runtime/renew", new { token = renewed.WorkloadToken }));
        Server.Time.Advance(TimeSpan.FromMinutes(20));

        Assert.True(renewal.GetProperty("expiresAt").GetDateTimeOffset() > renewed.ExpiresAt.AddMinutes(45));
        Assert.Equal("token_expired", await ErrorCodeAsync(await lapsing.GetAsync(own), HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await kept.GetAsync(own)).StatusCode);
        Assert.Equal("workload_token_not_found", await ErrorCodeAsync(
            await Server.NewClient(runner).PostAsJsonAsync($"{own}/runtime/renew", new { token = "sr_wnot-a-token" }), HttpStatusCode.NotFound));

        await JsonAsync(await Server.NewClient(runner).PostAsJsonAsync($"{own}/runtime/stop", new { token = renewed.WorkloadToken }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await kept.GetAsync(own)).StatusCode);
    }

    [Fact]
    public async Task RevokingARunner_RevokesItAndEveryWorkloadTokenItWasGiven()
    {
        var setup = await SpaceAsync();
        var (runnerId, runner) = await CreateRunnerAsync();
        var workload = Server.NewClient((await StartAsync(runner, setup.Space)).WorkloadToken);
        Assert.Equal(HttpStatusCode.OK, (await workload.GetAsync($"/api/spaces/{setup.Space}")).StatusCode);

        var admin = await Hub.AdminAsync();
        await JsonAsync(await admin.DeleteAsync($"/api/admin/runners/{runnerId}"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await workload.GetAsync($"/api/spaces/{setup.Space}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.NewClient(runner).PostAsync($"/api/spaces/{setup.Space}/runtime/start", null)).StatusCode);
        Assert.Equal("runner_not_found", await ErrorCodeAsync(await admin.DeleteAsync("/api/admin/runners/nope"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task DeletingTheSpace_RevokesItsWorkloadTokens_AndNoOtherSpaces()
    {
        var doomed = await SpaceAsync();
        var kept = await SpaceAsync();
        var (_, runner) = await CreateRunnerAsync();
        var doomedToken = (await StartAsync(runner, doomed.Space)).WorkloadToken;
        var keptToken = (await StartAsync(runner, kept.Space)).WorkloadToken;

        var name = doomed.Space.Split('/')[1];
        var deleted = await doomed.Owner.Session.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/repos/delete")
        {
            Content = JsonContent.Create(new { name, type = "space" }),
        });

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var doomedHash = Strongroom.Core.Tokens.TokenFormat.Hash(doomedToken);
        var keptHash = Strongroom.Core.Tokens.TokenFormat.Hash(keptToken);
        Assert.Equal(Strongroom.Core.Tokens.TokenStatus.Revoked, (await db.Tokens.AsNoTracking().SingleAsync(t => t.Hash == doomedHash)).Status);
        Assert.Equal(Strongroom.Core.Tokens.TokenStatus.Active, (await db.Tokens.AsNoTracking().SingleAsync(t => t.Hash == keptHash)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Server.NewClient(keptToken).GetAsync($"/api/spaces/{kept.Space}")).StatusCode);
    }

    [Fact]
    public async Task Start_WithARecordSwappedInTheDatabase_FailsClearly_AndOpensNothing()
    {
        var setup = await SpaceAsync();
        await JsonAsync(await setup.Manager.PostAsJsonAsync($"/api/spaces/{setup.Space}/secrets", new { key = "A", value = "value-of-a" }));
        await JsonAsync(await setup.Manager.PostAsJsonAsync($"/api/spaces/{setup.Space}/secrets", new { key = "B", value = "value-of-b" }));
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            var spaceName = setup.Space.Split('/')[1];
            var spaceId = await db.Repositories.Where(r => r.Namespace == setup.Owner.Name && r.Name == spaceName).Select(r => r.Id).SingleAsync();
            var a = await db.SpaceSecrets.SingleAsync(s => s.RepoId == spaceId && s.Key == "A");
            var b = await db.SpaceSecrets.SingleAsync(s => s.RepoId == spaceId && s.Key == "B");
            (a.Ciphertext, b.Ciphertext) = (b.Ciphertext, a.Ciphertext);
            (a.WrappedDataKey, b.WrappedDataKey) = (b.WrappedDataKey, a.WrappedDataKey);
            await db.SaveChangesAsync();
        }

        var (_, runner) = await CreateRunnerAsync();
        var response = await Server.NewClient(runner).PostAsync($"/api/spaces/{setup.Space}/runtime/start", null);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("secret_integrity_failure", text, StringComparison.Ordinal);
        Assert.Contains("Secret A", text, StringComparison.Ordinal);
        Assert.DoesNotContain("value-of", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sr_w", text, StringComparison.Ordinal);
    }
}

public sealed class RuntimeSqliteLocalTests(SqliteServerFixture fixture) : RuntimeTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class RuntimeSqlitePkcs11Tests(SqlitePkcs11ServerFixture fixture) : RuntimeTests(fixture), IClassFixture<SqlitePkcs11ServerFixture>;

public sealed class RuntimePostgresLocalTests(PostgresServerFixture fixture) : RuntimeTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class RuntimePostgresPkcs11Tests(PostgresPkcs11ServerFixture fixture) : RuntimeTests(fixture), IClassFixture<PostgresPkcs11ServerFixture>;
