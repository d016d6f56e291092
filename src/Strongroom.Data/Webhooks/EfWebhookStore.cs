using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Webhooks;

namespace Strongroom.Data.Webhooks;

/// <summary>Webhooks from the request's database context.</summary>
public sealed class EfWebhookStore(StrongroomDb db) : IWebhookStore
{
    public async Task<IReadOnlyList<Webhook>> ListForOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        await db.Webhooks.AsNoTracking().Where(w => w.OwnerId == ownerId)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
}
