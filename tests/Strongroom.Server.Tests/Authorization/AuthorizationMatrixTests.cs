using System.Net.Http.Json;
using System.Text;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Authorization;

/// <summary>
/// Every token kind × action × resource, through the real API, against a table written from the spec
/// (SPEC §2 and §8), not from the code. A mismatch lists every differing cell.
/// </summary>
public abstract class AuthorizationMatrixTests(ServerFixture fixture)
{
    // Columns: anonymous, classic read, classic write, fine-grained on the user, on the orgs, on one repo, with nothing.
    private static readonly string[] Kinds = ["anon", "CR", "CW", "FU", "FO", "FR", "FN"];

    // Rows: action resource → expected status per kind, in the order of Kinds. Written by hand from the rules:
    // public read is open to all; a private resource the person cannot see is 404 (401 without credentials);
    // a visible resource the token or the person's role may not act on is 403.
    // "manage" puts a user who is not yet a member in the org: that is an invitation, 202 until they accept.
    private const string Expected = """
        read  own        401 200 200 200 403 200 403
        read  org-read   401 200 200 403 200 403 403
        read  org-contr  401 200 200 403 200 403 403
        read  org-write  401 200 200 403 200 403 403
        read  org-admin  401 200 200 403 200 403 403
        read  bob-priv   401 404 404 404 404 404 404
        read  bob-pub    200 200 200 200 200 200 200
        read  missing    401 404 404 404 404 404 404
        write own        401 403 200 200 403 200 403
        write org-read   401 403 403 403 403 403 403
        write org-contr  401 403 403 403 403 403 403
        write org-write  401 403 200 403 200 403 403
        write org-admin  401 403 200 403 200 403 403
        write bob-priv   401 404 404 404 404 404 404
        write bob-pub    401 403 403 403 403 403 403
        write missing    401 404 404 404 404 404 404
        manage org-read  401 403 403 403 403 403 403
        manage org-contr 401 403 403 403 403 403 403
        manage org-write 401 403 403 403 403 403 403
        manage org-admin 401 403 202 403 202 403 403
        manage missing   401 404 404 404 404 404 404
        """;

    [Fact]
    public async Task EveryTokenActionResource_MatchesTheExpectedTable()
    {
        // Arrange: alice holds every role in one org each; bob owns the orgs and his own repos.
        var hub = fixture.Hub;
        var alice = await hub.CreateUserAsync("alice");
        var bob = await hub.CreateUserAsync("bob");
        var carol = await hub.CreateUserAsync("carol");
        var orgs = new Dictionary<string, string>();
        foreach (var role in new[] { "read", "contributor", "write", "admin" })
        {
            var org = await hub.CreateOrgAsync(bob);
            await Hub.SetMemberAsync(bob, org, alice, role);
            await Hub.CreateRepoAsync(bob, org, "weights", isPrivate: true);
            orgs[role] = org;
        }

        await Hub.CreateRepoAsync(alice, alice.Name, "own", isPrivate: true);
        await Hub.CreateRepoAsync(bob, bob.Name, "secret", isPrivate: true);
        await Hub.CreateRepoAsync(bob, bob.Name, "open", isPrivate: false);

        var allOrgScopes = orgs.Values.Select(o => new { entity = new { type = "org", name = o }, permissions = new[] { "repo.content.read", "repo.write", "org.read", "org.write" } }).ToArray();
        var tokens = new Dictionary<string, string?>
        {
            ["anon"] = null,
            ["CR"] = (await Hub.CreateTokenAsync(alice, new { displayName = "cr", role = "read" })).Token,
            ["CW"] = (await Hub.CreateTokenAsync(alice, new { displayName = "cw", role = "write" })).Token,
            ["FU"] = (await Hub.CreateTokenAsync(alice, new { displayName = "fu", role = "fineGrained", fineGrained = new { scoped = new[] { new { entity = new { type = "user", name = alice.Name }, permissions = new[] { "repo.content.read", "repo.write" } } } } })).Token,
            ["FO"] = (await Hub.CreateTokenAsync(alice, new { displayName = "fo", role = "fineGrained", fineGrained = new { scoped = allOrgScopes } })).Token,
            ["FR"] = (await Hub.CreateTokenAsync(alice, new { displayName = "fr", role = "fineGrained", fineGrained = new { scoped = new[] { new { entity = new { type = "model", name = alice.Name + "/own" }, permissions = new[] { "repo.content.read", "repo.write" } } } } })).Token,
            ["FN"] = (await Hub.CreateTokenAsync(alice, new { displayName = "fn", role = "fineGrained" })).Token,
        };

        var repos = new Dictionary<string, (string Path, bool Private)>
        {
            ["own"] = ($"{alice.Name}/own", true),
            ["org-read"] = ($"{orgs["read"]}/weights", true),
            ["org-contr"] = ($"{orgs["contributor"]}/weights", true),
            ["org-write"] = ($"{orgs["write"]}/weights", true),
            ["org-admin"] = ($"{orgs["admin"]}/weights", true),
            ["bob-priv"] = ($"{bob.Name}/secret", true),
            ["bob-pub"] = ($"{bob.Name}/open", false),
            ["missing"] = ($"{bob.Name}/no-such-repo", true),
        };
        var orgNames = new Dictionary<string, string>
        {
            ["org-read"] = orgs["read"], ["org-contr"] = orgs["contributor"], ["org-write"] = orgs["write"], ["org-admin"] = orgs["admin"],
            ["missing"] = Hub.Unique("no-org"),
        };

        // Act
        var mismatches = new StringBuilder();
        var cells = 0;
        foreach (var line in Expected.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (action, resource) = (parts[0], parts[1]);
            for (var k = 0; k < Kinds.Length; k++)
            {
                using var client = fixture.Server.NewClient(tokens[Kinds[k]]);
                using var response = action switch
                {
                    "read" => await client.GetAsync($"/api/models/{repos[resource].Path}"),
                    "write" => await client.PutAsJsonAsync($"/api/models/{repos[resource].Path}/settings", new { @private = repos[resource].Private }),
                    _ => await client.PutAsJsonAsync($"/api/organizations/{orgNames[resource]}/members/{carol.Name}", new { role = "read" }),
                };
                cells++;
                var actual = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (actual != parts[2 + k])
                {
                    mismatches.AppendLine($"{action} {resource} with {Kinds[k]}: expected {parts[2 + k]}, got {actual} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        // Assert
        Assert.Equal(21 * 7, cells);
        Assert.True(mismatches.Length == 0, mismatches.ToString());
    }
}

public sealed class AuthorizationMatrixSqliteTests(SqliteServerFixture fixture) : AuthorizationMatrixTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AuthorizationMatrixPostgresTests(PostgresServerFixture fixture) : AuthorizationMatrixTests(fixture), IClassFixture<PostgresServerFixture>;
