using Strongroom.Server.Features.Auth;

namespace Strongroom.Server.Features.Leaks.Sweeps;

/// <summary>
/// The sweep's status for hub admins: <c>GET /api/admin/leaks/sweep</c> (the last pass on this node: rule-set
/// version, repositories and blobs scanned, tokens revoked, alerts created) and <c>POST</c> to run a pass now.
/// </summary>
public static class SweepEndpoints
{
    public static void MapSweepEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/leaks/sweep").WithTags("Admin").AddEndpointFilter(AdminSession.Require);
        group.MapGet("", (LeakSweep sweep) => TypedResults.Ok(new SweepStatus(sweep.LastPass)));
        group.MapPost("", async (LeakSweep sweep, HttpContext context) => TypedResults.Ok(await sweep.RunAsync(context.RequestAborted).ConfigureAwait(false)));
    }

    /// <summary>The last pass, or null before the first.</summary>
    public sealed record SweepStatus(SweepPass? LastPass);
}
