using System.Net.Http.Json;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Strongroom.Core.Authorization;
using Strongroom.Core.Tokens;
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
    private const int CallersPerHub = 6;
    private const int RequestsPerCaller = 8;

    private readonly StringBuilder _mismatches = new();
    private readonly SortedDictionary<string, int> _answered = new(StringComparer.Ordinal);

    [Fact]
    public async Task Endpoints_GeneratedHubsTokensAndRequests_AgreeWithTheReferenceModel()
    {
        // Arrange
        var samples = Gen.Sample(HubWithCases(), Hubs, new Rnd(Seed), 10);
        var checkedCases = 0;

        foreach (var (hub, callers, cases) in samples)
        {
            var built = await GeneratedHub.BuildAsync(fixture.Hub, hub, callers);

            // Act and Assert, per case: the authorization endpoint for tokens, then the real endpoints.
            foreach (var (caller, scenario) in cases)
            {
                await CheckCaseAsync(built, built.Clients[caller], scenario);
                checkedCases++;
            }

            // Then every token of the hub is revoked: it reaches nothing, public content included (401 before any decision).
            var dead = await built.RevokeCredentialsAsync();
            foreach (var (caller, scenario) in cases.Where(c => dead.Contains(c.Caller)).DistinctBy(c => c.Caller))
            {
                foreach (var (name, _, send) in RealEndpoints(built, scenario).Append(("POST /api/auth/check", scenario, AuthCheck(built, scenario))))
                {
                    await ExpectAsync("revoked", name, 401, send(built.Clients[caller]), scenario);
                }
            }
        }

        output.WriteLine($"{checkedCases} cases: " + string.Join(", ", _answered.Select(a => $"{a.Key}: {a.Value}")));
        Assert.True(_mismatches.Length == 0, _mismatches.ToString());
        Assert.InRange(checkedCases, 200, Hubs * CallersPerHub * RequestsPerCaller);
        // The seeded sample must reach every answer, or agreement proves little.
        Assert.All(new[] { "auth/check 200", "auth/check 403", "auth/check 404", "GET 200", "GET 401", "GET 403", "GET 404", "PUT 200", "PUT 401", "PUT 403", "PUT 404", "revoked 401" },
            key => Assert.True(_answered.ContainsKey(key), "no case answered " + key));
    }

    private async Task CheckCaseAsync(GeneratedHub built, HttpClient client, Scenario scenario)
    {
        if (scenario.Caller.Kind is not (CallerKind.Anonymous or CallerKind.Session))
        {
            // The decision comes back in the body: the call itself succeeds for any valid token.
            var expected = ReferenceModel.ExpectedStatus(scenario);
            var answer = await ApiAssert.JsonAsync(await AuthCheck(built, scenario)(client));
            var status = answer.GetProperty("status").GetInt32();
            Count("auth/check " + status);
            if (status != expected || answer.GetProperty("allowed").GetBoolean() != (expected == 200))
            {
                _mismatches.AppendLine($"auth/check: expected {expected}, got {answer}{scenario}");
            }
        }

        foreach (var (name, decided, send) in RealEndpoints(built, scenario))
        {
            await ExpectAsync(name.Split(' ')[0], name, ReferenceModel.ExpectedStatus(decided), send(client), decided);
        }
    }

    private async Task ExpectAsync(string counter, string name, int expected, Task<HttpResponseMessage> sending, Scenario scenario)
    {
        using var response = await sending;
        var status = (int)response.StatusCode;
        Count($"{counter} {status}");
        if (status != expected)
        {
            _mismatches.AppendLine($"{counter} {name}: expected {expected}, got {status} {await response.Content.ReadAsStringAsync()}{scenario}");
        }
    }

    private static Func<HttpClient, Task<HttpResponseMessage>> AuthCheck(GeneratedHub built, Scenario scenario) => client =>
        client.PostAsJsonAsync("/api/auth/check", new { permission = scenario.Request.Permission, resource = built.CheckResource(scenario.Request) });

    private void Count(string key) => _answered[key] = _answered.GetValueOrDefault(key) + 1;

    /// <summary>
    /// Real endpoints on the case's resource and the case each decides: a repository's info (read) and its
    /// settings with nothing to change (write), an org's member list (read).
    /// </summary>
    private static IEnumerable<(string Name, Scenario Decided, Func<HttpClient, Task<HttpResponseMessage>> Send)> RealEndpoints(GeneratedHub built, Scenario scenario)
    {
        var request = scenario.Request;
        switch (request.Kind)
        {
            case ResourceKind.Repo:
                var path = built.RepoPath(request.TargetId);
                yield return ("GET " + path, scenario with { Request = request with { Permission = Permissions.RepoContentRead, NeedsAdmin = false } },
                    client => client.GetAsync(path));
                // A workload token is refused settings after the decision, by that endpoint's own rule.
                if (scenario.Caller.Kind != CallerKind.Workload)
                {
                    yield return ("PUT " + path + "/settings", scenario with { Request = request with { Permission = Permissions.RepoWrite, NeedsAdmin = false } },
                        client => client.PutAsJsonAsync(path + "/settings", new { }));
                }

                break;
            case ResourceKind.Org:
                var members = $"/api/organizations/{built.OrgName(request.TargetId)}/members";
                yield return ("GET " + members, scenario with { Request = request with { Permission = Permissions.OrgRead } }, client => client.GetAsync(members));
                break;
        }
    }

    /// <summary>
    /// A generated hub, callers on it that the API can build (grants name only what a person may scope a
    /// token to), and requests for each caller: the hub is the costly part, requests are cheap.
    /// </summary>
    private static Gen<(ModelHub Hub, ModelCaller[] Callers, List<(int Caller, Scenario Scenario)> Cases)> HubWithCases() =>
        from hub in ScenarioGen.Hub()
        from generated in Gen.ArrayOf(ScenarioGen.Caller(hub), CallersPerHub)
        let callers = generated.Select(c => Buildable(hub, c))
            .Where(c => c.Kind != CallerKind.Workload || hub.Repo(c.Scoped[0].EntityId) is not null).ToArray()
        from requests in Gen.CollectToArray(callers, c => Gen.ArrayOf(ScenarioGen.Request(hub, c), RequestsPerCaller))
        select (hub, callers, callers.SelectMany((c, i) => requests[i].Select(r => (i, new Scenario(hub, c, r)))).ToList());

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
