using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Strongroom.Core.Audit;
using Strongroom.Data.Audit;
using Strongroom.Server.Features.Auth;

namespace Strongroom.Server.Features.Audit;

/// <summary>
/// <c>/api/admin/audit</c>: verify the chain, the checkpoint public key (PEM), and the export as JSON lines
/// that verifies on its own. Hub admins' interactive sessions only, as every admin route.
/// </summary>
public static class AuditAdminEndpoints
{
    public static IServiceCollection AddAuditChain(this IServiceCollection services)
    {
        AuditOptions.Register(services);
        services.AddSingleton<AuditCheckpointer>();
        services.AddHostedService<AuditSealJob>();
        return services;
    }

    public static void MapAuditAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/audit").WithTags("Admin").AddEndpointFilter(AdminSession.Require);
        group.MapGet("/verify", VerifyAsync);
        group.MapGet("/public-key", PublicKey);
        group.MapGet("/export", ExportAsync).Produces<string>(200, "application/x-ndjson");
    }

    /// <summary>Seals what is committed first, so that a row written around Strongroom shows at once rather than waiting in line.</summary>
    private static async Task<Ok<AuditVerifyResult>> VerifyAsync(HttpContext context, AuditChainStore store, AuditSealer sealer, AuditEventMac macs,
        AuditCheckpointer checkpointer)
    {
        await sealer.SealPendingAsync(context.RequestAborted).ConfigureAwait(false);
        using var publicKey = checkpointer.PublicKey();
        return TypedResults.Ok(await store.VerifyAsync(publicKey, macs, context.RequestAborted).ConfigureAwait(false));
    }

    private static ContentHttpResult PublicKey(AuditCheckpointer checkpointer) =>
        TypedResults.Text(checkpointer.PublicKeyPem() + "\n", "application/x-pem-file", Encoding.ASCII);

    /// <summary>
    /// Signs the head first, so every event exported is covered by a checkpoint; then streams events in
    /// order, each checkpoint right after the event it ends at.
    /// </summary>
    private static async Task ExportAsync(HttpContext context, AuditChainStore store, AuditCheckpointer checkpointer)
    {
        await checkpointer.WriteIfDueAsync(force: true, context.RequestAborted).ConfigureAwait(false);
        var checkpoints = (await store.CheckpointsAsync(context.RequestAborted).ConfigureAwait(false)).ToLookup(c => c.Size);
        context.Response.ContentType = "application/x-ndjson";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
        var written = new HashSet<long>();
        await foreach (var entry in store.EntriesAsync(context.RequestAborted).ConfigureAwait(false))
        {
            await writer.WriteLineAsync(AuditExportFormat.EventLine(entry)).ConfigureAwait(false);
            foreach (var checkpoint in checkpoints[entry.Seq])
            {
                await writer.WriteLineAsync(AuditExportFormat.CheckpointLine(checkpoint)).ConfigureAwait(false);
                written.Add(checkpoint.Size);
            }
        }

        foreach (var checkpoint in checkpoints.Where(g => !written.Contains(g.Key)).SelectMany(g => g))
        {
            await writer.WriteLineAsync(AuditExportFormat.CheckpointLine(checkpoint)).ConfigureAwait(false); // past the events: a truncated chain shows
        }
    }
}
