using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Security;

/// <summary>
/// Random and hostile JSON bodies (NUL and other control characters, lone surrogates, huge numbers, deep
/// nesting, duplicate keys, wrong types) posted to every endpoint that reads one, signed in as someone who
/// owns the resources in the path, so the bodies reach the handlers: no answer may be a 500, none may carry
/// a stack trace, and the server may log no error.
/// </summary>
public abstract class HostileJsonTests(ServerFixture fixture)
{
    private const int BodiesPerEndpoint = 60;

    private static readonly string[] HostileStrings =
    [
        "\\u0000", "a\\u0000b", "\\u0001\\u001b[2J\\u0007", "\\ud800", "\\udc00x", "line\\nbreak", "tab\\there", "\\u202e\\u0000",
        "'; DROP TABLE users; --", "%00", "../../etc/passwd", "𝕏𝕐", "", " ", "null", "sr_p" + new string('A', 38),
    ];

    private static readonly string[] HostileScalars =
    [
        "1e400", "-1e400", "-1", "0", "9223372036854775808", "-9223372036854775809", "1.5", "-0", "true", "false", "null", "[]", "{}",
        "[null]", "{\"a\":1,\"a\":2}", "\"" + new string('x', 70_000) + "\"",
    ];

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task EveryJsonEndpoint_GivenHostileBodies_NeverAnswers500()
    {
        var mark = Server.Logs.Mark();
        var owner = await fixture.Hub.CreateUserAsync("fuzz");
        var member = await fixture.Hub.CreateUserAsync("member");
        var org = await fixture.Hub.CreateOrgAsync(owner);
        await Hub.SetMemberAsync(owner, org, member, "read");
        await Hub.CreateRepoAsync(owner, owner.Name, "space", isPrivate: true, type: "space");
        var (tokenId, _) = await Hub.CreateTokenAsync(owner, new { displayName = "fuzz" });
        var admin = await fixture.Hub.AdminAsync();
        var values = new Dictionary<string, string>
        {
            ["types"] = "spaces", ["ns"] = owner.Name, ["name"] = "space", ["org"] = org, ["username"] = member.Name, ["id"] = tokenId, ["version"] = "1",
        };
        var random = new Random(20261203);
        var failures = new List<string>();
        var sent = 0;

        foreach (var (method, path, bodyType) in JsonEndpoints(values))
        {
            var client = path.StartsWith("/api/admin", StringComparison.Ordinal) ? admin : owner.Session;
            for (var i = 0; i < BodiesPerEndpoint; i++)
            {
                var body = Body(bodyType, random);
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                sent++;
                if ((int)response.StatusCode >= 500 || LooksLikeAStackTrace(text))
                {
                    failures.Add($"{method} {path} {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]} <- {body[..Math.Min(200, body.Length)]}");
                }
            }
        }

        Assert.True(sent >= 15 * BodiesPerEndpoint, $"only {sent} requests sent");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        var errors = Server.Logs.ErrorText(mark);
        Assert.True(errors.Length == 0, errors[..Math.Min(3000, errors.Length)]);
    }

    private static bool LooksLikeAStackTrace(string text) =>
        text.Contains("Exception", StringComparison.Ordinal) || text.Contains(" at System.", StringComparison.Ordinal)
        || text.Contains(" at Strongroom.", StringComparison.Ordinal) || text.Contains(" at Microsoft.", StringComparison.Ordinal);

    private List<(string Method, string Path, Type BodyType)> JsonEndpoints(Dictionary<string, string> values)
    {
        var list = new List<(string, string, Type)>();
        foreach (var endpoint in MappedEndpoints.All(Server))
        {
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            if (accepts?.RequestType is not { } bodyType || endpoint.RoutePattern.RawText?.Contains("logout", StringComparison.Ordinal) == true)
            {
                continue;
            }

            var path = MappedEndpoints.Path(endpoint, values);
            list.AddRange(MappedEndpoints.Methods(endpoint).Select(method => (method, path, bodyType)));
        }

        return list;
    }

    /// <summary>A body of the endpoint's own shape with hostile values, or (one time in four) hostile JSON of any shape.</summary>
    private static string Body(Type type, Random random)
    {
        if (random.Next(4) == 0)
        {
            return random.Next(4) switch
            {
                0 => new string('[', 200) + new string(']', 200),
                1 => "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 61),
                2 => HostileScalars[random.Next(HostileScalars.Length)],
                _ => "{\"" + HostileStrings[random.Next(HostileStrings.Length)] + "\":" + HostileScalars[random.Next(HostileScalars.Length)] + "}",
            };
        }

        return Shape(type, random, depth: 0);
    }

    private static string Shape(Type type, Random random, int depth)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var pairs = new List<string>();
        foreach (var property in properties)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            pairs.Add($"\"{name}\":{Value(property.PropertyType, random, depth)}");
            if (random.Next(10) == 0)
            {
                pairs.Add($"\"{name}\":{Value(property.PropertyType, random, depth)}"); // a duplicate key
            }
        }

        return "{" + string.Join(',', pairs) + "}";
    }

    private static string Value(Type type, Random random, int depth)
    {
        var roll = random.Next(10);
        if (roll < 2)
        {
            return HostileScalars[random.Next(HostileScalars.Length)];
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string) || roll < 4)
        {
            return "\"" + HostileStrings[random.Next(HostileStrings.Length)] + "\"";
        }

        if (underlying == typeof(bool))
        {
            return random.Next(2) == 0 ? "true" : "false";
        }

        if (underlying.IsPrimitive || underlying == typeof(decimal) || underlying == typeof(DateTimeOffset))
        {
            return HostileScalars[random.Next(7)];
        }

        var element = underlying.IsArray ? underlying.GetElementType() : underlying.IsGenericType ? underlying.GetGenericArguments()[0] : null;
        if (element is not null && depth < 3)
        {
            return "[" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(_ => Value(element, random, depth + 1))) + "]";
        }

        return depth < 3 ? Shape(underlying, random, depth + 1) : "{}";
    }
}

public sealed class HostileJsonSqliteTests(SqliteServerFixture fixture) : HostileJsonTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class HostileJsonPostgresTests(PostgresServerFixture fixture) : HostileJsonTests(fixture), IClassFixture<PostgresServerFixture>;
