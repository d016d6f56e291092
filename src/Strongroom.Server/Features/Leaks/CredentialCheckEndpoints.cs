using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Strongroom.Core.Tokens;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Leaks;

/// <summary>
/// <c>POST /api/credentials/check</c> <c>{"credentials": [raw, ...]}</c>: which of these are the caller's own
/// tokens, and in what state (what <c>strongroom scan --verify</c> asks of the tokens it found). Anything that
/// is not the caller's, live or not, answers <c>unknown</c>, so the endpoint cannot test other people's tokens.
/// </summary>
public static class CredentialCheckEndpoints
{
    public sealed record CheckRequest(JsonElement? Credentials);

    /// <summary>One state per credential, in the request's order: <c>live</c>, <c>expired</c>, <c>revoked</c>, <c>leaked</c> or <c>unknown</c>.</summary>
    public sealed record CheckResponse(IReadOnlyList<string> States);

    public static void MapCredentialCheckEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/credentials/check", CheckAsync).WithTags("Leak response");

    private static async Task<Results<Ok<CheckResponse>, UnauthorizedError, BadRequestError>> CheckAsync(
        CheckRequest request,
        HttpContext context, ReportLeakedTokens leaks, ITokenStore store, TimeProvider time)
    {
        if (context.GetCaller().User is not { } user)
        {
            return ApiError.Unauthorized();
        }

        var (candidates, invalid) = CredentialList.Read(request.Credentials);
        if (candidates is null)
        {
            return invalid!;
        }

        var hashes = candidates.Select(leaks.HashIfOurs).ToList();
        var found = await store.FindManyByHashAsync(hashes.OfType<byte[]>().ToList(), context.RequestAborted).ConfigureAwait(false);
        var own = found.Where(f => f.Token.UserId == user.Id).ToDictionary(f => Convert.ToHexString(f.Token.Hash), f => f.Token, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var states = hashes.Select(h => h is not null && own.TryGetValue(Convert.ToHexString(h), out var token)
            ? token.StatusWord(now) switch { "active" => "live", var word => word }
            : "unknown").ToList();
        return TypedResults.Ok(new CheckResponse(states));
    }
}
