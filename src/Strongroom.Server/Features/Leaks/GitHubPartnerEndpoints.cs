using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Strongroom.Core.Tokens;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using Strongroom.Server.Features.Notifications;

namespace Strongroom.Server.Features.Leaks;

/// <summary>
/// <c>POST /api/leaks/github</c>: GitHub's secret-scanning partner program reports tokens of ours found in
/// public code. The signature over the raw body is checked first (401 and nothing done otherwise); each live
/// token is marked leaked with the URL it was found at, and the answer labels every reported token.
/// </summary>
public static class GitHubPartnerEndpoints
{
    public const int MaxItems = 1000;

    public sealed record Match(
        [property: JsonPropertyName("token")] string? Token,
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("source")] string? Source);

    public sealed record Feedback(
        [property: JsonPropertyName("token_hash")] string TokenHash,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("label")] string Label);

    public static void MapGitHubPartnerEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/leaks/github", ReportAsync).WithoutCaller()
            .WithTags("Leak response");

    private static string Where(Match match) =>
        match.Url is { Length: > 0 } url ? url : "public code on GitHub" + (match.Source is { } source ? $" ({source})" : "");

    private static async Task<Results<Ok<List<Feedback>>, UnauthorizedError, BadRequestError>> ReportAsync(
        HttpContext context, GitHubPublicKeys keys, ReportLeakedTokens leaks, NotificationDelivery notifications)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        if (!keys.Verify(headers["Github-Public-Key-Identifier"].ToString(), headers["Github-Public-Key-Signature"].ToString(), body))
        {
            return ApiError.Unauthorized("The report's signature does not verify under a configured GitHub public key", "invalid_signature");
        }

        List<Match>? matches;
        try
        {
            matches = JsonSerializer.Deserialize<List<Match>>(body);
        }
        catch (JsonException)
        {
            matches = null;
        }

        if (matches is null || matches.Count > MaxItems || matches.Any(m => m?.Token is not { Length: > 0 and <= 1000 }))
        {
            return ApiError.BadRequest("invalid_report", $"The body must be a list of at most {MaxItems} matches, each with a token");
        }

        // One lookup per place found (a report usually names a few files), not one per token.
        var ours = new bool[matches.Count];
        var hashes = matches.Select(m => leaks.HashIfOurs(m.Token!)).ToArray();
        foreach (var place in Enumerable.Range(0, matches.Count).Where(i => hashes[i] is not null).GroupBy(i => Where(matches[i])))
        {
            var indexes = place.ToList();
            var outcomes = await leaks.ExecuteAsync(indexes.Select(i => hashes[i]!).ToList(), place.Key, "github", null, context.RequestAborted).ConfigureAwait(false);
            for (var k = 0; k < indexes.Count; k++)
            {
                ours[indexes[k]] = outcomes[k].Ours;
            }
        }

        var feedback = matches.Select((match, i) => new Feedback(
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(match.Token!))).ToLowerInvariant(),
            match.Type ?? "",
            ours[i] ? "true_positive" : "false_positive")).ToList();
        notifications.Wake();
        return TypedResults.Ok(feedback);
    }
}
