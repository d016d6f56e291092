using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Server.Hosting;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Api;

/// <summary>
/// <c>POST /api/auth/password</c>, and one-time passwords (the first admin's, or one an admin hands
/// over): with <c>Passwords:RequireChange</c> on, until replaced, their sessions can do nothing but
/// replace them; by default the sign-in only says they should be.
/// </summary>
public abstract class PasswordChangeTests(ServerFixture fixture)
{
    private const string Handed = "handed over by the admin";
    private Hub Hub => fixture.Hub;

    private async Task<string> CreateUserAsync(bool mustChangePassword)
    {
        var name = Hub.Unique("pw");
        var admin = await Hub.AdminAsync();
        await ApiAssert.JsonAsync(
            await admin.PostAsJsonAsync("/api/admin/users", new { username = name, email = name + "@example.test", password = Handed, mustChangePassword }),
            HttpStatusCode.Created);
        return name;
    }

    private async Task<(HttpClient Session, bool ChangeRequired)> SignInAsync(string name, string password)
    {
        var client = fixture.Server.NewClient();
        var login = await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/auth/login", new { username = name, password }));
        client.DefaultRequestHeaders.Add("X-CSRF-Token", login.GetProperty("csrfToken").GetString());
        return (client, login.GetProperty("passwordChangeRequired").GetBoolean());
    }

    [Fact]
    public async Task OneTimePassword_SignsInOnlyToBeReplaced_ThenTheSessionWorks()
    {
        // Arrange
        var name = await CreateUserAsync(mustChangePassword: true);
        var (session, changeRequired) = await SignInAsync(name, Handed);
        using var _ = session;

        // Act and assert: refused everywhere but whoami, logout and the change itself.
        Assert.True(changeRequired);
        var refused = await ApiAssert.JsonAsync(await session.GetAsync("/api/settings/tokens"), HttpStatusCode.Forbidden);
        Assert.Equal("password_change_required", refused.GetProperty("code").GetString());
        await ApiAssert.JsonAsync(await session.PostAsJsonAsync("/api/organizations", new { name = Hub.Unique("org") }), HttpStatusCode.Forbidden);
        await ApiAssert.JsonAsync(await session.GetAsync("/api/whoami-v2"));

        var wrong = await session.PostAsJsonAsync("/api/auth/password", new { currentPassword = "not it", newPassword = "a new long password" });
        Assert.Equal("invalid_password", (await ApiAssert.JsonAsync(wrong, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        var weak = await session.PostAsJsonAsync("/api/auth/password", new { currentPassword = Handed, newPassword = "short" });
        Assert.Equal("weak_password", (await ApiAssert.JsonAsync(weak, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        var same = await session.PostAsJsonAsync("/api/auth/password", new { currentPassword = Handed, newPassword = Handed });
        Assert.Equal("same_password", (await ApiAssert.JsonAsync(same, HttpStatusCode.BadRequest)).GetProperty("code").GetString());

        var changed = await session.PostAsJsonAsync("/api/auth/password", new { currentPassword = Handed, newPassword = Hub.Password });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await ApiAssert.JsonAsync(await session.GetAsync("/api/settings/tokens"));

        using var anonymous = fixture.Server.NewClient();
        await ApiAssert.JsonAsync(await anonymous.PostAsJsonAsync("/api/auth/login", new { username = name, password = Handed }), HttpStatusCode.Unauthorized);
        var (fresh, stillRequired) = await SignInAsync(name, Hub.Password);
        fresh.Dispose();
        Assert.False(stillRequired);
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Strongroom.Data.StrongroomDb>();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "auth.password.change" && e.Target == "user:" + name && e.Outcome == "success"));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "auth.password.change" && e.Target == "user:" + name && e.Outcome == "failure"));
    }

    [Fact]
    public async Task FirstAdmin_OneTimePassword_NoLongerSignsInOnceReplaced()
    {
        // The fixture replaced it at start-up, as an operator must (TestServer.StartAsync).
        using var anonymous = fixture.Server.NewClient();
        var once = await anonymous.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = fixture.Server.InitialAdminPassword });
        await ApiAssert.JsonAsync(once, HttpStatusCode.Unauthorized);
        var (admin, changeRequired) = await SignInAsync("admin", fixture.Server.AdminPassword);
        admin.Dispose();
        Assert.False(changeRequired);
        Assert.False(File.Exists(Path.Combine(fixture.Server.DataDirectory, FirstAdmin.FileName)), "the one-time password file outlived the password");
    }

    [Fact]
    public async Task PasswordChange_EndsTheOtherSessions_KeepsThisOne()
    {
        // Arrange
        var name = await CreateUserAsync(mustChangePassword: false);
        var (first, _) = await SignInAsync(name, Handed);
        var (second, _) = await SignInAsync(name, Handed);
        using var a = first;
        using var b = second;
        await ApiAssert.JsonAsync(await b.GetAsync("/api/settings/tokens"));

        // Act
        var changed = await a.PostAsJsonAsync("/api/auth/password", new { currentPassword = Handed, newPassword = Hub.Password });

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await ApiAssert.JsonAsync(await a.GetAsync("/api/settings/tokens"));
        await ApiAssert.JsonAsync(await b.GetAsync("/api/settings/tokens"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PasswordChange_WithATokenOrWithoutCsrf_IsRefused()
    {
        // Arrange
        var alice = await Hub.CreateUserAsync("alice");
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t", role = "write" });
        using var bearer = fixture.Server.NewClient(token);
        var (session, _) = await SignInAsync(alice.Name, Hub.Password);
        using var _ = session;
        session.DefaultRequestHeaders.Remove("X-CSRF-Token");

        // Act
        var byToken = await bearer.PostAsJsonAsync("/api/auth/password", new { currentPassword = Hub.Password, newPassword = "a new long password" });
        var withoutCsrf = await session.PostAsJsonAsync("/api/auth/password", new { currentPassword = Hub.Password, newPassword = "a new long password" });

        // Assert
        Assert.Equal("session_required", (await ApiAssert.JsonAsync(byToken, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        Assert.Equal("csrf_required", (await ApiAssert.JsonAsync(withoutCsrf, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
    }
}

public sealed class PasswordChangeSqliteTests(SqliteRequirePasswordChangeFixture fixture) : PasswordChangeTests(fixture), IClassFixture<SqliteRequirePasswordChangeFixture>;

public sealed class PasswordChangePostgresTests(PostgresRequirePasswordChangeFixture fixture) : PasswordChangeTests(fixture), IClassFixture<PostgresRequirePasswordChangeFixture>;

/// <summary>By default a one-time password is flagged at sign-in but not enforced (automation keeps working).</summary>
public abstract class OneTimePasswordDefaultTests(ServerFixture fixture)
{
    [Fact]
    public async Task OneTimePassword_ByDefault_IsFlaggedAtSignInButTheSessionWorks()
    {
        // Arrange
        var name = Hub.Unique("pw");
        var admin = await fixture.Hub.AdminAsync();
        await ApiAssert.JsonAsync(
            await admin.PostAsJsonAsync("/api/admin/users", new { username = name, email = name + "@example.test", password = "handed over by the admin", mustChangePassword = true }),
            HttpStatusCode.Created);
        using var client = fixture.Server.NewClient();

        // Act
        var login = await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/auth/login", new { username = name, password = "handed over by the admin" }));
        client.DefaultRequestHeaders.Add("X-CSRF-Token", login.GetProperty("csrfToken").GetString());

        // Assert
        Assert.True(login.GetProperty("passwordChangeRequired").GetBoolean());
        await ApiAssert.JsonAsync(await client.GetAsync("/api/settings/tokens"));
    }
}

public sealed class OneTimePasswordDefaultSqliteTests(SqliteServerFixture fixture) : OneTimePasswordDefaultTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class OneTimePasswordDefaultPostgresTests(PostgresServerFixture fixture) : OneTimePasswordDefaultTests(fixture), IClassFixture<PostgresServerFixture>;
