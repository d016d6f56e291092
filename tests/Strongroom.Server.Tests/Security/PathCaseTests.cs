using System.Net;
using System.Net.Http.Json;
using System.Text;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Security;

/// <summary>
/// Every mapped endpoint, called at its canonical path and with its path in mixed case: routing matches
/// both, so authentication and CSRF checks must treat both alike (a check keyed on "/api" once let
/// "/API/..." through unchecked).
/// </summary>
public abstract class PathCaseTests(ServerFixture fixture)
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task EveryEndpoint_WithABadBearerToken_AnswersTheSameInAnyCase()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} endpoints found");
        var mismatches = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            var canonical = await SendAsync(Server.NewClient("sr_pgarbage"), method, path);
            var mixed = await SendAsync(Server.NewClient("sr_pgarbage"), method, MixedCase(path));
            if (canonical != mixed || (int)mixed >= 500)
            {
                mismatches.Add($"{method} {path}: {(int)canonical} vs {MixedCase(path)}: {(int)mixed}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public async Task EveryStateChangingEndpoint_WithACookieButNoCsrfHeader_IsRefusedInAnyCase()
    {
        var user = await fixture.Hub.CreateUserAsync("csrf");
        using var cookieOnly = Server.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await cookieOnly.PostAsJsonAsync("/api/auth/login", new { username = user.Name, password = Hub.Password })).StatusCode);
        var failures = new List<string>();
        foreach (var (method, path) in Endpoints().Where(e => e.Method is not ("GET" or "HEAD")))
        {
            foreach (var variant in new[] { path, MixedCase(path) })
            {
                var status = await SendAsync(cookieOnly, method, variant);
                if (status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{method} {variant}: {(int)status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(HttpStatusCode.OK, (await cookieOnly.GetAsync("/api/whoami-v2")).StatusCode); // the session outlived every attempt
    }

    /// <summary>Every route with its HTTP methods, parameters filled with plausible values; the ones that need no caller are left out.</summary>
    private List<(string Method, string Path)> Endpoints()
    {
        var values = new Dictionary<string, string> { ["types"] = "models", ["rev"] = "main" };
        var list = new List<(string, string)>();
        foreach (var endpoint in MappedEndpoints.All(Server))
        {
            if (endpoint.Metadata.Any(m => m.GetType().Name == "NoCaller"))
            {
                continue;
            }

            var path = MappedEndpoints.Path(endpoint, values);
            list.AddRange(MappedEndpoints.Methods(endpoint).Select(m => (m, path)));
        }

        return list;
    }

    private static string MixedCase(string path)
    {
        var builder = new StringBuilder(path.Length);
        var upper = true;
        foreach (var c in path)
        {
            builder.Append(char.IsLetter(c) ? (upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)) : c);
            upper = char.IsLetter(c) ? !upper : upper;
        }

        return builder.ToString();
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is not ("GET" or "HEAD" or "DELETE"))
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}

public sealed class PathCaseSqliteTests(SqliteServerFixture fixture) : PathCaseTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PathCasePostgresTests(PostgresServerFixture fixture) : PathCaseTests(fixture), IClassFixture<PostgresServerFixture>;
