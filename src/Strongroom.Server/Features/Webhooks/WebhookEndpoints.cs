using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Core.Notifications;
using Strongroom.Core.Tokens;
using Strongroom.Core.Webhooks;
using Strongroom.Data;
using Strongroom.Notifications.Webhooks;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using static Strongroom.Server.Features.Webhooks.WebhookContracts;

namespace Strongroom.Server.Features.Webhooks;

/// <summary>
/// Webhooks of the signed-in user (<c>/api/settings/webhooks</c>) and of an organization
/// (<c>/api/organizations/{org}/settings/webhooks</c>, its admins only). Interactive sessions only, as token
/// management: a leaked token must not be able to point its owner's leak notices somewhere else, nor to
/// list where they go.
/// </summary>
public static class WebhookEndpoints
{
    private const int DeliveriesShown = 50;
    private const string SessionNeeded = "Webhook management needs an interactive session; a token cannot register, list or remove webhooks";

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var user = routes.MapGroup("/api/settings/webhooks").WithTags("Webhooks").AddEndpointFilter(SessionOnly.Require(SessionNeeded));
        user.MapGet("", (HttpContext context, StrongroomDb db) => ListAsync(context.GetCaller().User!.Id, db, context.RequestAborted));
        user.MapPost("", (CreateWebhookRequest request, HttpContext context, StrongroomDb db, WebhookSecretSealer sealer, IOptions<WebhookOptions> options,
            IAuditLog audit, TimeProvider time) =>
                CreateAsync(new Owner(context.GetCaller().User!.Id, null), request, context, db, sealer, options, audit, time));
        user.MapDelete("/{id}", (string id, HttpContext context, StrongroomDb db, IAuditLog audit) =>
                DeleteAsync(new Owner(context.GetCaller().User!.Id, null), id, context, db, audit));
        user.MapGet("/{id}/deliveries", (string id, HttpContext context, StrongroomDb db) => DeliveriesAsync(context.GetCaller().User!.Id, id, db, context.RequestAborted));

        var org = routes.MapGroup("/api/organizations/{org}/settings/webhooks").WithTags("Webhooks").AddEndpointFilter(SessionOnly.Require(SessionNeeded));
        org.MapGet("", async (string org, HttpContext context, StrongroomDb db, AccessGuard guard) =>
                await OrgAsync(org, context, guard, owner => ListAsync(owner.Id, db, context.RequestAborted)).ConfigureAwait(false));
        org.MapPost("", async (string org, CreateWebhookRequest request, HttpContext context, StrongroomDb db, AccessGuard guard, WebhookSecretSealer sealer,
            IOptions<WebhookOptions> options, IAuditLog audit, TimeProvider time) =>
                await OrgAsync(org, context, guard, owner => CreateAsync(owner, request, context, db, sealer, options, audit, time)).ConfigureAwait(false));
        org.MapDelete("/{id}", async (string org, string id, HttpContext context, StrongroomDb db, AccessGuard guard, IAuditLog audit) =>
                await OrgAsync(org, context, guard, owner => DeleteAsync(owner, id, context, db, audit)).ConfigureAwait(false));
        org.MapGet("/{id}/deliveries", async (string org, string id, HttpContext context, StrongroomDb db, AccessGuard guard) =>
                await OrgAsync(org, context, guard, owner => DeliveriesAsync(owner.Id, id, db, context.RequestAborted)).ConfigureAwait(false));
    }

    /// <summary>Whose webhooks: a user's (<see cref="OrgId"/> null) or an organization's.</summary>
    private sealed record Owner(string Id, string? OrgId);

    /// <summary>Runs <paramref name="then"/> for an org's admin; anyone else gets the org API's 404 or 403.</summary>
    private static async Task<Results<TResult, Denied>> OrgAsync<TResult>(string org, HttpContext context, AccessGuard guard, Func<Owner, Task<TResult>> then)
        where TResult : IResult
    {
        var (facts, found) = await guard.OrgAsync(context.GetCaller(), org, context.RequestAborted).ConfigureAwait(false);
        var decision = await guard.CheckAsync(context, Permissions.OrgWrite, facts, "org:" + org).ConfigureAwait(false);
        return decision.Allowed ? await then(new Owner(found!.Id, found.Id)).ConfigureAwait(false) : AccessGuard.Deny(decision);
    }

    private static async Task<Ok<List<WebhookView>>> ListAsync(string ownerId, StrongroomDb db, CancellationToken cancellationToken)
    {
        var hooks = await db.Webhooks.AsNoTracking().Where(w => w.OwnerId == ownerId)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .Select(w => new WebhookView(w.Id, w.Url, w.Description, w.CreatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(hooks);
    }

    private static async Task<Results<Created<CreatedWebhookView>, BadRequestError>> CreateAsync(Owner owner, CreateWebhookRequest request, HttpContext context, StrongroomDb db,
        WebhookSecretSealer sealer, IOptions<WebhookOptions> options, IAuditLog audit, TimeProvider time)
    {
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        if (WebhookUrlRules.Check(request.Url, description) is { } refusal)
        {
            return ApiError.BadRequest(refusal.Code, refusal.Message);
        }

        var max = options.Value.MaxPerOwner;
        if (await db.Webhooks.CountAsync(w => w.OwnerId == owner.Id, context.RequestAborted).ConfigureAwait(false) >= max)
        {
            return ApiError.BadRequest("too_many_webhooks", $"At most {max} webhooks; delete one first");
        }

        var id = Ids.New();
        var secret = WebhookSigningSecret.New();
        var sealedSecret = sealer.Seal(id, secret);
        var hook = new Webhook
        {
            Id = id,
            OwnerId = owner.Id,
            OwnerIsOrg = owner.OrgId is not null,
            Url = request.Url!,
            Description = description,
            CreatedAt = time.GetUtcNow(),
            Ciphertext = sealedSecret.Ciphertext,
            WrappedDataKey = sealedSecret.WrappedDataKey,
            KmsKeyVersion = sealedSecret.KmsKeyVersion,
        };
        db.Webhooks.Add(hook);
        // The audit write saves the webhook with it: both or neither.
        await audit.WriteAsync(Event(context, "webhook.create", owner, hook), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Created((string?)null, new CreatedWebhookView(hook.Id, hook.Url, hook.Description, hook.CreatedAt, secret));
    }

    private static async Task<Results<NoContent, NotFoundError>> DeleteAsync(Owner owner, string id, HttpContext context, StrongroomDb db, IAuditLog audit)
    {
        var hook = Ids.IsValid(id)
            ? await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id && w.OwnerId == owner.Id, context.RequestAborted).ConfigureAwait(false)
            : null;
        if (hook is null)
        {
            return ApiError.NotFound("Webhook not found");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted).ConfigureAwait(false);
        // What was still queued for it goes with it (its attempts go by cascade).
        await db.Outbox.Where(m => m.Channel == NotificationChannels.Webhook && m.Recipient == hook.Id && m.DeliveredAt == null)
            .ExecuteDeleteAsync(context.RequestAborted).ConfigureAwait(false);
        db.Webhooks.Remove(hook);
        await audit.WriteAsync(Event(context, "webhook.delete", owner, hook), context.RequestAborted).ConfigureAwait(false);
        await transaction.CommitAsync(context.RequestAborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<DeliveryView>>, NotFoundError>> DeliveriesAsync(string ownerId, string id, StrongroomDb db, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id) || !await db.Webhooks.AnyAsync(w => w.Id == id && w.OwnerId == ownerId, cancellationToken).ConfigureAwait(false))
        {
            return ApiError.NotFound("Webhook not found");
        }

        var attempts = await db.WebhookDeliveries.AsNoTracking().Where(a => a.WebhookId == id)
            .OrderByDescending(a => a.Id).Take(DeliveriesShown)
            .Select(a => new DeliveryView(a.DeliveryId, a.Event, a.Attempt, a.At, a.StatusCode, a.Error, a.Delivered))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(attempts);
    }

    private static AuditEvent Event(HttpContext context, string action, Owner owner, Webhook hook) => new()
    {
        Action = action,
        ActorUserId = context.GetCaller().User!.Id,
        Ip = context.ClientIp(),
        OrgId = owner.OrgId,
        Target = "webhook:" + hook.Id,
        Details = new Dictionary<string, string> { ["url"] = hook.Url.Length > 200 ? hook.Url[..200] : hook.Url },
    };
}
