using System.Net.Http.Json;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Strongroom.Core.Authorization;
using Strongroom.Core.Tests.Authorization.Model;
using Strongroom.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Strongroom.Server.Tests.Authorization;

/// <summary>
/// The property of the Core test (Authorizer agrees with the reference model of SPEC §2) through HTTP on a
/// seeded sample: generated hubs built through the API, each case asked of <c>POST /api/auth/check</c>
/// (token callers) and of a real endpoint that reads the same resource (every caller). A mismatch lists
/// the case with the expected and the answered status.
/// </summary>
public abstract class AuthorizationPropertyHttpTests(ServerFixture fixture, ITestOutputHelper output)
{
    private const int Seed = 20261203;
    private const int Hubs = 10;
    private const int CasesPerHub = 8;

    [Fact]
    public async Task Endpoints_GeneratedHubsTokensAndRequests_AgreeWithTheReferenceModel()
    {
        // Arrange
        var samples = Gen.Sample(HubWithCases(), Hubs, new Rnd(Seed), 10);
        var mismatches = new StringBuilder();
        var checkedCases = 0;
        var answered = new SortedDictionary<string, int>(StringComparer.Ordinal);

        foreach (var (hub, cases) in samples)
        {
            var built = await GeneratedHub.BuildAsync(fixture.Hub, hub, cases.Select(c => c.Caller).ToList());
            for (var i = 0; i < cases.Count; i++)
            {
                var scenario = cases[i];
                var client = built.Clients[i];

                // Act and Assert, per case: the authorization endpoint for tokens, then the real endpoint.
                if (scenario.Caller.Kind is not (CallerKind.Anonymous or CallerKind.Session))
                {
                    var expected = ReferenceModel.ExpectedStatus(scenario);
                    var answer = await ApiAssert.JsonAsync(await client.PostAsJsonAsync("/api/auth/check",
                        new { permission = scenario.Request.Permission, resource = built.CheckResource(scenario.Request) }));
                    var status = answer.GetProperty("status").GetInt32();
                    Count(answered, $"auth/check {status}");
                    if (status != expected || answer.GetProperty("allowed").GetBoolean() != (expected == 200))
                    {
                        mismatches.AppendLine($"auth/check: expected {expected}, got {answer}{scenario}");
                    }
                }

                var (path, read) = ReadEndpoint(built, scenario);
                if (path is not null)
                {
                    var expected = ReferenceModel.ExpectedStatus(read);
                    using var response = await client.GetAsync(path);
                    Count(answered, $"GET {(int)response.StatusCode}");
                    if ((int)response.StatusCode != expected)
                    {
                        mismatches.AppendLine($"GET {path}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{read}");
                    }
                }

                checkedCases++;
            }
        }

        output.WriteLine($"{checkedCases} cases: " + string.Join(", ", answered.Select(a => $"{a.Key}: {a.Value}")));
        Assert.True(mismatches.Length == 0, mismatches.ToString());
        Assert.InRange(checkedCases, 50, Hubs * CasesPerHub);
        // The seeded sample must reach every answer, or agreement proves little.
        Assert.All(new[] { "auth/check 200", "auth/check 403", "auth/check 404", "GET 200", "GET 401", "GET 403", "GET 404" },
            key => Assert.True(answered.ContainsKey(key), "no case answered " + key));
    }

    private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>The real endpoint that reads the case's resource (repository info, org members), and the case it decides.</summary>
    private static (string? Path, Scenario Read) ReadEndpoint(GeneratedHub built, Scenario scenario) => scenario.Request.Kind switch
    {
        ResourceKind.Repo => (built.RepoPath(scenario.Request.TargetId),
            scenario with { Request = scenario.Request with { Permission = Core.Tokens.Permissions.RepoContentRead, NeedsAdmin = false } }),
        ResourceKind.Org => ($"/api/organizations/{built.OrgName(scenario.Request.TargetId)}/members",
            scenario with { Request = scenario.Request with { Permission = Core.Tokens.Permissions.OrgRead } }),
        _ => (null, scenario),
    };

    /// <summary>A generated hub and cases on it that the API can build: grants name only what a person may scope a token to.</summary>
    private static Gen<(ModelHub Hub, List<Scenario> Cases)> HubWithCases() =>
        from hub in ScenarioGen.Hub()
        from cases in Gen.ArrayOf(
            from caller in ScenarioGen.Caller(hub)
            from request in ScenarioGen.Request(hub, caller)
            select new Scenario(hub, Buildable(hub, caller), request), CasesPerHub)
        select (hub, cases.Where(c => c.Caller.Kind != CallerKind.Workload || hub.Repo(c.Caller.Scoped[0].EntityId) is not null).ToList());

    /// <summary>
    /// Token creation refuses grants on other users and on orgs or repositories that do not exist, and a
    /// workload token exists only for a Space that does: such entries are dropped (such cases skipped).
    /// </summary>
    private static ModelCaller Buildable(ModelHub hub, ModelCaller caller) => caller.Kind == CallerKind.Workload
        ? caller
        : caller with
        {
            Scoped = caller.Scoped.Where(s => s.EntityType switch
            {
                "user" => s.EntityId == caller.UserId,
                "org" => hub.Org(s.EntityId) is not null,
                _ => hub.Repo(s.EntityId) is not null,
            }).ToArray(),
        };
}

public sealed class AuthorizationPropertyHttpSqliteTests(SqliteServerFixture fixture, ITestOutputHelper output) : AuthorizationPropertyHttpTests(fixture, output), IClassFixture<SqliteServerFixture>;

public sealed class AuthorizationPropertyHttpPostgresTests(PostgresServerFixture fixture, ITestOutputHelper output) : AuthorizationPropertyHttpTests(fixture, output), IClassFixture<PostgresServerFixture>;
