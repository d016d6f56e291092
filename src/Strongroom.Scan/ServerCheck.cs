using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Strongroom.Scanning.Engine;

namespace Strongroom.Scan;

/// <summary>
/// What <c>--verify SERVER</c> and <c>--revoke SERVER</c> ask a Strongroom server about the tokens of ours a
/// scan found. <c>--verify</c> asks <c>POST /api/credentials/check</c> with the caller's own token (from
/// <c>STRONGROOM_TOKEN</c>), which answers only for the caller's own tokens; <c>--revoke</c> reports them to
/// the public <c>POST /api/credentials/revoke</c>, which revokes the live ones and tells their owners.
/// The JSON is written and read by hand: the scanner is compiled ahead of time, without reflection.
/// </summary>
internal static class ServerCheck
{
    public const string TokenVariable = "STRONGROOM_TOKEN";

    /// <summary>The distinct tokens of ours among the findings, with the first place each was found.</summary>
    public static List<Finding> OurTokens(IEnumerable<Finding> findings) =>
        [.. findings.Where(f => f.RuleId == "strongroom-token").DistinctBy(f => f.Secret, StringComparer.Ordinal)];

    public static async Task VerifyAsync(Uri server, string callerToken, List<Finding> tokens, TextWriter stderr)
    {
        if (tokens.Count == 0)
        {
            await stderr.WriteLineAsync($"strongroom scan: --verify: no token of {server.Authority} to check").ConfigureAwait(false);
            return;
        }

        using var http = Client(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/credentials/check") { Content = Body(tokens) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", callerToken);
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"--verify: {server} answered {(int)response.StatusCode} (is {TokenVariable} one of your tokens on that server?)");
        }

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        var states = answer.RootElement.GetProperty("states").EnumerateArray().Select(s => s.GetString() ?? "unknown").ToList();
        for (var i = 0; i < tokens.Count && i < states.Count; i++)
        {
            var advice = states[i] switch
            {
                "live" => "LIVE: revoke it now (strongroom tokens revoke, or scan --revoke)",
                "unknown" => "not one of your tokens (someone else's, or not from this server)",
                var other => other + ": no longer works",
            };
            await stderr.WriteLineAsync($"strongroom scan: {tokens[i].Path}:{tokens[i].Line}  {tokens[i].Masked}  {advice}").ConfigureAwait(false);
        }
    }

    public static async Task RevokeAsync(Uri server, List<Finding> tokens, TextWriter stderr)
    {
        if (tokens.Count == 0)
        {
            await stderr.WriteLineAsync($"strongroom scan: --revoke: no token of ours to report").ConfigureAwait(false);
            return;
        }

        using var http = Client(server);
        foreach (var batch in tokens.Chunk(1000))
        {
            using var response = await http.PostAsync("api/credentials/revoke", Body(batch)).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"--revoke: {server} answered {(int)response.StatusCode}");
            }
        }

        await stderr.WriteLineAsync($"strongroom scan: reported {tokens.Count} token(s) to {server.Authority} for revocation; the live ones are revoked and their owners told")
            .ConfigureAwait(false);
    }

    /// <summary>The server's base address; only http(s), and https unless it is this machine.</summary>
    public static Uri ParseServer(string value)
    {
        if (!Uri.TryCreate(value.TrimEnd('/') + "/", UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{value}' is not a server address (https://hub.example)");
        }

        if (server.Scheme == "http" && !server.IsLoopback)
        {
            throw new ArgumentException($"'{value}': tokens are sent to it, so use https (http only to this machine)");
        }

        return server;
    }

    private static HttpClient Client(Uri server) => new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    private static StringContent Body(IEnumerable<Finding> tokens)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("credentials");
            foreach (var token in tokens)
            {
                json.WriteStringValue(token.Secret);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new StringContent(Encoding.UTF8.GetString(buffer.ToArray()), Encoding.UTF8, "application/json");
    }
}
