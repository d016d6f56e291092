using BenchmarkDotNet.Attributes;
using Strongroom.Core.Authorization;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Tokens.Benchmarks;

/// <summary>
/// <see cref="Authorizer.Decide"/>, the pure decision every request makes: a fine-grained token scoped to an
/// org reading a private repository of it (membership, grant and org policy all looked at), and a classic
/// token refused by the org's policy.
/// </summary>
[MemoryDiagnoser]
public class AuthorizerBenchmarks
{
    private readonly Organization _org = new() { Id = Ids.New(), Name = "acme", CreatedAt = DateTimeOffset.UtcNow, RequireFineGrained = true };
    private Caller _fineGrained = null!;
    private Caller _classic = null!;
    private ResourceFacts _repo = null!;

    [GlobalSetup]
    public void Setup()
    {
        var user = new User { Id = Ids.New(), Name = "alice", Email = "a@example.test", PasswordHash = "x" };
        var grant = new FineGrainedGrant
        {
            Scoped = [new ScopedGrant(new GrantEntity("org", _org.Name, _org.Id), [Permissions.RepoContentRead, Permissions.RepoWrite])],
        };
        _fineGrained = new Caller(user, Token(user, TokenKind.FineGrained, TokenRole.FineGrained, grant));
        _classic = new Caller(user, Token(user, TokenKind.Classic, TokenRole.Read, FineGrainedGrant.Empty));
        _repo = new ResourceFacts { Kind = ResourceKind.Repo, Exists = true, Id = Ids.New(), Public = false, Org = _org, CallerRole = OrgRole.Read };
    }

    [Benchmark(Baseline = true)]
    public bool FineGrainedOrgRepo() => Authorizer.Decide(_fineGrained, Permissions.RepoContentRead, _repo).Allowed;

    [Benchmark]
    public bool ClassicRefusedByPolicy() => Authorizer.Decide(_classic, Permissions.RepoContentRead, _repo).Allowed;

    private static AccessToken Token(User user, TokenKind kind, TokenRole role, FineGrainedGrant grant) => new()
    {
        Id = Ids.New(), UserId = user.Id, Kind = kind, Role = role, DisplayName = "t", Hash = new byte[32], Last4 = "abcd",
        Grant = grant, CreatedAt = DateTimeOffset.UtcNow,
    };
}
