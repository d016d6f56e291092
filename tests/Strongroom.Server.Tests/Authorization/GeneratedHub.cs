using System.Net;
using System.Net.Http.Json;
using Strongroom.Core.Tests.Authorization.Model;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Authorization;

/// <summary>
/// A generated <see cref="ModelHub"/> built through the real API, with a credential for each generated
/// caller. Grants are resolved when a token is created, so every user first joins every org and every
/// repository starts public; the hub's final memberships, policies and visibility are set after the
/// tokens exist, as they would change on a live hub.
/// </summary>
public sealed class GeneratedHub
{
    private readonly Hub _hub;
    private readonly Dictionary<string, TestUser> _users = [];
    private readonly Dictionary<string, string> _orgs = [];
    private readonly Dictionary<string, (TestUser Creator, string Path, string Type)> _repos = [];
    private TestUser _founder = null!;
    private readonly Dictionary<int, (TestUser Owner, string Id)> _personalTokens = [];
    private readonly HashSet<int> _runnerCredentials = [];
    private (string Id, string Token)? _runner;

    private GeneratedHub(Hub hub) => _hub = hub;

    /// <summary>A client for each caller, in order: anonymous, a user's session, or a bearer token.</summary>
    public IReadOnlyList<HttpClient> Clients { get; private set; } = [];

    public static async Task<GeneratedHub> BuildAsync(Hub hub, ModelHub model, IReadOnlyList<ModelCaller> callers)
    {
        var built = new GeneratedHub(hub) { _founder = await hub.CreateUserAsync("founder") };
        foreach (var user in model.Users)
        {
            built._users[user] = await hub.CreateUserAsync(user);
        }

        foreach (var org in model.Orgs)
        {
            built._orgs[org.Id] = await hub.CreateOrgAsync(built._founder, org.Id);
            foreach (var user in built._users.Values)
            {
                await Hub.SetMemberAsync(built._founder, built._orgs[org.Id], user, "read");
            }
        }

        foreach (var repo in model.Repos)
        {
            var creator = repo.OwnerIsOrg ? built._founder : built._users[repo.OwnerId];
            var ns = repo.OwnerIsOrg ? built._orgs[repo.OwnerId] : creator.Name;
            await Hub.CreateRepoAsync(creator, ns, repo.Id, isPrivate: false, type: repo.EntityType);
            built._repos[repo.Id] = (creator, $"{ns}/{repo.Id}", repo.EntityType);
        }

        var clients = new List<HttpClient>();
        foreach (var caller in callers)
        {
            clients.Add(await built.ClientAsync(caller, clients.Count));
        }

        built.Clients = clients;
        await built.SettleAsync(model);
        return built;
    }

    /// <summary>The API path of a repository (<c>/api/models/ns/name</c>); a path that names nothing for a missing one.</summary>
    public string RepoPath(string id) => _repos.TryGetValue(id, out var repo)
        ? $"/api/{repo.Type}s/{repo.Path}"
        : $"/api/models/{_founder.Name}/{id}";

    /// <summary>The resource as <c>/api/auth/check</c> names it.</summary>
    public object CheckResource(ModelRequest request) => request.Kind switch
    {
        Core.Authorization.ResourceKind.Repo => _repos.TryGetValue(request.TargetId, out var repo)
            ? new { type = repo.Type, name = repo.Path }
            : new { type = "model", name = $"{_founder.Name}/{request.TargetId}" },
        Core.Authorization.ResourceKind.Org => new { type = "org", name = OrgName(request.TargetId) },
        _ => new { type = "user", name = _users.TryGetValue(request.TargetId, out var user) ? user.Name : _founder.Name + "-" + request.TargetId },
    };

    public string OrgName(string id) => _orgs.TryGetValue(id, out var name) ? name : _founder.Name + "-" + id;

    /// <summary>
    /// Revokes every personal token of the hub (by its owner) and the runner (by the hub admin, which
    /// revokes the workload tokens it was given); the indices of the callers whose credential is now dead.
    /// </summary>
    public async Task<IReadOnlySet<int>> RevokeCredentialsAsync()
    {
        foreach (var (owner, id) in _personalTokens.Values)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await owner.Session.DeleteAsync($"/api/settings/tokens/{id}")).StatusCode);
        }

        if (_runner is { } runner)
        {
            Assert.Equal(HttpStatusCode.OK, (await (await _hub.AdminAsync()).DeleteAsync($"/api/admin/runners/{runner.Id}")).StatusCode);
        }

        return _personalTokens.Keys.Concat(_runnerCredentials).ToHashSet();
    }

    private async Task<HttpClient> ClientAsync(ModelCaller caller, int index)
    {
        switch (caller.Kind)
        {
            case CallerKind.Anonymous:
                return _hub.Server.NewClient();
            case CallerKind.Session:
                return _users[caller.UserId!].Session;
            case CallerKind.Runner:
                _runnerCredentials.Add(index);
                return _hub.Server.NewClient(await RunnerAsync());
            case CallerKind.Workload:
                _runnerCredentials.Add(index);
                return _hub.Server.NewClient(await WorkloadTokenAsync(caller.Scoped.Single()));
        }

        var body = new
        {
            displayName = "generated",
            role = caller.Kind switch { CallerKind.ClassicRead => "read", CallerKind.ClassicWrite => "write", _ => "fineGrained" },
            expiresAt = caller.LifetimeDays is { } days ? _hub.Server.Time.GetUtcNow().AddDays(days) : (DateTimeOffset?)null,
            fineGrained = caller.Kind == CallerKind.FineGrained
                ? new { global = caller.Global, scoped = caller.Scoped.Select(s => new { entity = new { type = s.EntityType, name = EntityName(s) }, permissions = s.Permissions }).ToArray() }
                : null,
        };
        var (id, token) = await Hub.CreateTokenAsync(_users[caller.UserId!], body);
        _personalTokens[index] = (_users[caller.UserId!], id);
        return _hub.Server.NewClient(token);
    }

    private string EntityName(ModelScope scope) => scope.EntityType switch
    {
        "user" => _users[scope.EntityId].Name,
        "org" => _orgs[scope.EntityId],
        _ => _repos[scope.EntityId].Path,
    };

    private async Task<string> RunnerAsync()
    {
        if (_runner is null)
        {
            var admin = await _hub.AdminAsync();
            var created = await ApiAssert.JsonAsync(await admin.PostAsJsonAsync("/api/admin/runners", new { name = Hub.Unique("runner") }), HttpStatusCode.Created);
            _runner = (created.GetProperty("id").GetString()!, created.GetProperty("token").GetString()!);
        }

        return _runner.Value.Token;
    }

    /// <summary>Starts the Space with a runner, after setting whether its workload may write, as the grant says.</summary>
    private async Task<string> WorkloadTokenAsync(ModelScope space)
    {
        var (creator, path, _) = _repos[space.EntityId];
        var canWrite = space.Permissions.Contains(Core.Tokens.Permissions.RepoWrite);
        await ApiAssert.JsonAsync(await creator.Session.PutAsJsonAsync($"/api/spaces/{path}/settings", new { workloadCanWrite = canWrite }));
        using var runner = _hub.Server.NewClient(await RunnerAsync());
        var started = await ApiAssert.JsonAsync(await runner.PostAsync($"/api/spaces/{path}/runtime/start", null));
        return started.GetProperty("workloadToken").GetProperty("token").GetString()!;
    }

    /// <summary>The hub's final state: memberships (roles changed, members removed), token policies, private repositories.</summary>
    private async Task SettleAsync(ModelHub model)
    {
        foreach (var org in model.Orgs)
        {
            foreach (var (id, user) in _users)
            {
                if (model.Membership(org.Id, id) is { } member)
                {
                    await Hub.SetMemberAsync(_founder, _orgs[org.Id], user, member.Role.ToString().ToLowerInvariant());
                }
                else
                {
                    var removed = await _founder.Session.DeleteAsync($"/api/organizations/{_orgs[org.Id]}/members/{user.Name}");
                    Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
                }
            }

            var policy = new { requireFineGrained = org.RequireFineGrained, maxLifetimeDays = org.MaxLifetimeDays };
            await ApiAssert.JsonAsync(await _founder.Session.PutAsJsonAsync($"/api/organizations/{_orgs[org.Id]}/settings/token-policy", policy));
        }

        foreach (var repo in model.Repos.Where(r => r.Private))
        {
            var (creator, path, type) = _repos[repo.Id];
            await ApiAssert.JsonAsync(await creator.Session.PutAsJsonAsync($"/api/{type}s/{path}/settings", new { @private = true }));
        }
    }
}
