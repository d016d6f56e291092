using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>WebhookDeliveryAttempt</c> is stored.</summary>
internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<Strongroom.Core.Webhooks.WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<Strongroom.Core.Webhooks.WebhookDeliveryAttempt> attempt)
    {
        attempt.ToTable("webhook_deliveries");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.WebhookId).HasMaxLength(24);
        attempt.Property(a => a.DeliveryId).HasMaxLength(32);
        attempt.Property(a => a.Event).HasMaxLength(64);
        attempt.Property(a => a.Error).HasMaxLength(500);
        // The owner reads the latest attempts of one webhook.
        attempt.HasIndex(a => new { a.WebhookId, a.Id });
        attempt.HasOne<Strongroom.Core.Webhooks.Webhook>().WithMany().HasForeignKey(a => a.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}
