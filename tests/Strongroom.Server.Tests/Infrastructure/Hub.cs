using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>
/// Builds hub state through the public API, the way people would: users, orgs, repos, tokens. Names get a
/// random suffix so tests never share data.
/// </summary>
public sealed class Hub(TestServer server)
{
    public const string Password = "correct horse battery staple";
    private HttpClient? _admin;

    public TestServer Server => server;

    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public async Task<HttpClient> AdminAsync() => _admin ??= await server.SignInAsync("admin", server.AdminPassword);

    public async Task<TestUser> CreateUserAsync(string prefix = "user")
    {
        var name = Unique(prefix);
        var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/admin/users", new { username = name, email = name + "@example.test", password = Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await server.SignInAsync(name, Password);
        return new TestUser(name, session);
    }

    public async Task<string> CreateOrgAsync(TestUser admin, string prefix = "org")
    {
        var name = Unique(prefix);
        var response = await admin.Session.PostAsJsonAsync("/api/organizations", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return name;
    }

    /// <summary>Makes <paramref name="member"/> a member with this role: invites and accepts for a newcomer, changes the role otherwise.</summary>
    public static async Task SetMemberAsync(TestUser orgAdmin, string org, TestUser member, string role)
    {
        var response = await orgAdmin.Session.PutAsJsonAsync($"/api/organizations/{org}/members/{member.Name}", new { role });
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            // A new member is invited and joins on accepting, as a person would.
            response = await member.Session.PostAsync($"/api/organizations/{org}/invitations/accept", null);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task CreateRepoAsync(TestUser creator, string ns, string name, bool isPrivate, string type = "model")
    {
        var response = await creator.Session.PostAsJsonAsync("/api/repos/create", new { name, organization = ns, type, @private = isPrivate, sdk = type == "space" ? "static" : null });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A new user and a Space of theirs; the Space as <c>owner/name</c>.</summary>
    public async Task<(TestUser Owner, string Space)> CreateSpaceAsync(bool isPrivate = true)
    {
        var owner = await CreateUserAsync("owner");
        var name = Unique("app");
        await CreateRepoAsync(owner, owner.Name, name, isPrivate, "space");
        return (owner, $"{owner.Name}/{name}");
    }

    /// <summary>A fine-grained token of <paramref name="owner"/> scoped to one Space with these permissions; the raw token.</summary>
    public static async Task<string> CreateSpaceTokenAsync(TestUser owner, string space, params string[] permissions)
    {
        var (_, token) = await CreateTokenAsync(owner, new
        {
            displayName = "space-" + Guid.NewGuid().ToString("N")[..6],
            fineGrained = new { scoped = new[] { new { entity = new { type = "space", name = space }, permissions } } },
        });
        return token;
    }

    /// <summary>Creates a token through the session API and returns (id, raw token).</summary>
    public static async Task<(string Id, string Token)> CreateTokenAsync(TestUser user, object body)
    {
        var response = await user.Session.PostAsJsonAsync("/api/settings/tokens", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        using var json = JsonDocument.Parse(text);
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("token").GetString()!);
    }
}

/// <summary>A person on the test hub and their signed-in session.</summary>
public sealed record TestUser(string Name, HttpClient Session);
