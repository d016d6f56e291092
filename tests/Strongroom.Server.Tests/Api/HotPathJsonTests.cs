using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Strongroom.Git.Content;
using Strongroom.Server.Contracts;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Repos;
using Strongroom.Server.Features.Tokens;
using Strongroom.Server.Features.WhoAmI;
using Strongroom.Server.Hosting;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Api;

/// <summary>
/// The hot endpoints' bodies come from source-generated metadata (<see cref="HotPathJsonContext"/>) and are the
/// same JSON, byte for byte, as reflection over the same HTTP options writes: names, omitted nulls, the hub's
/// time format.
/// </summary>
public sealed class HotPathJsonTests(HotPathJsonTests.ServerOptions server) : IClassFixture<HotPathJsonTests.ServerOptions>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 16, 45, 12, 345, TimeSpan.FromHours(2));
    private readonly JsonSerializerOptions _generated = server.Generated;
    private readonly JsonSerializerOptions _reflected = new(server.Generated) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>The HTTP JSON options of a real server (the database does not matter here).</summary>
    public sealed class ServerOptions : IAsyncLifetime
    {
        private TestServer _server = null!;

        public JsonSerializerOptions Generated { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _server = await TestServer.StartAsync(DbProvider.Sqlite);
            Generated = _server.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        }

        public async Task DisposeAsync() => await _server.DisposeAsync();
    }

    [Theory]
    [InlineData(typeof(WhoAmIEndpoints.WhoAmIView))]
    [InlineData(typeof(AuthCheckEndpoints.CheckRequest))]
    [InlineData(typeof(AuthCheckEndpoints.CheckResponse))]
    [InlineData(typeof(RepoView))]
    [InlineData(typeof(List<TreeItem>))]
    public void HttpOptions_HotType_ResolvedFromGeneratedMetadata(Type type) =>
        Assert.IsType<HotPathJsonContext>(_generated.GetTypeInfo(type).OriginatingResolver);

    [Fact]
    public void WhoAmI_WithAndWithoutNulls_SameAsReflection()
    {
        var grant = new GrantDto(["repo.content.read"], [new ScopedGrantDto(new EntityDto("org", "acme", "o1"), ["repo.write"])], true);
        var withAll = new WhoAmIEndpoints.WhoAmIView("user", "u1", "alice", "Alice A.", "a@example.test", true, false, false,
            [new WhoAmIEndpoints.OrgView("org", "o1", "acme", null, "admin")],
            new WhoAmIEndpoints.AuthView("access_token", new WhoAmIEndpoints.AccessTokenView("t", "fineGrained", At, grant), At.AddDays(1)));
        var withNulls = withAll with { Fullname = null, Email = null, Auth = new WhoAmIEndpoints.AuthView("session", null, null) };

        AssertSame(withAll);
        AssertSame(withNulls);
        Assert.Contains("\"_id\":\"o1\"", JsonSerializer.Serialize(withAll, _generated), StringComparison.Ordinal);
        Assert.Contains("\"createdAt\":\"2026-12-03T14:45:12.345Z\"", JsonSerializer.Serialize(withAll, _generated), StringComparison.Ordinal);
    }

    [Fact]
    public void RepoCheckAndTree_SameAsReflection()
    {
        AssertSame(new RepoView("r1", "acme/m1", "acme", true, false, false, 0, 0, At, At, [], [], "acme/m1", null, null));
        AssertSame(new RepoView("r1", "acme/s1", "acme", false, false, false, 0, 0, At, At, [], [new RepoSibling("app.py")], null, null, "gradio", "abc"));
        AssertSame(new AuthCheckEndpoints.CheckResponse(false, "no", 404, "repo_not_found"));
        AssertSame(new List<TreeItem> { new("file", "abc", 12, "README.md"), new("directory", "def", 0, "src") });
    }

    [Fact]
    public void CheckRequest_Read_SameAsReflection()
    {
        const string body = """{"permission":"repo.content.read","resource":{"type":"model","name":"acme/m1"}}""";

        Assert.Equal(JsonSerializer.Deserialize<AuthCheckEndpoints.CheckRequest>(body, _reflected), JsonSerializer.Deserialize<AuthCheckEndpoints.CheckRequest>(body, _generated));
    }

    private void AssertSame<T>(T value) => Assert.Equal(JsonSerializer.Serialize(value, _reflected), JsonSerializer.Serialize(value, _generated));
}
