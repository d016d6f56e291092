using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Data.Leaks;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Leaks;

/// <summary>
/// <c>POST /api/credentials/revoke</c> <c>{"credentials": [raw, ...]}</c>, as on the Hugging Face hub: anyone
/// who finds a token may kill it, without credentials. The answer is always 202 with the same empty body,
/// and the request does the same work whether a token was live or not (each well-formed token of ours is
/// recorded by its hash; <see cref="LeakReportWorker"/> revokes after the answer), so the endpoint cannot be
/// used to test tokens.
/// </summary>
public static class CredentialRevokeEndpoints
{
    public const string RateLimitPolicy = "credentials-revoke";

    public sealed record RevokeRequest(JsonElement? Credentials);

    public static void MapCredentialRevokeEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/credentials/revoke", RevokeAsync).WithoutCaller().RequireRateLimiting(RateLimitPolicy)
            .WithTags("Leak response")
            .ProducesFilterErrors(StatusCodes.Status429TooManyRequests); // the rate limiter's answer

    private static async Task<Results<Accepted, BadRequestError>> RevokeAsync(RevokeRequest request, HttpContext context, StrongroomDb db, ReportLeakedTokens leaks,
        LeakReportWorker worker, TimeProvider time)
    {
        var (candidates, invalid) = CredentialList.Read(request.Credentials);
        if (candidates is null)
        {
            return invalid!;
        }

        var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var hash in candidates.Select(leaks.HashIfOurs).OfType<byte[]>())
        {
            hashes.TryAdd(Convert.ToHexString(hash), hash);
        }

        if (hashes.Count > 0)
        {
            var now = time.GetUtcNow();
            var ip = context.ClientIp();
            db.PendingLeakReports.AddRange(hashes.Values.Select(h => new PendingLeakReport { Hash = h, ReceivedAt = now, Ip = ip }));
            await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
            worker.Wake();
        }

        return TypedResults.Accepted((string?)null);
    }
}
