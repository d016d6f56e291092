using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>Webhook</c> is stored.</summary>
internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Strongroom.Core.Webhooks.Webhook>
{
    public void Configure(EntityTypeBuilder<Strongroom.Core.Webhooks.Webhook> hook)
    {
        hook.ToTable("webhooks");
        hook.HasKey(w => w.Id);
        hook.Property(w => w.Id).HasMaxLength(24);
        hook.Property(w => w.OwnerId).HasMaxLength(24);
        hook.HasIndex(w => w.OwnerId);
        hook.Property(w => w.Url).HasMaxLength(Strongroom.Core.Webhooks.WebhookUrlRules.MaxUrlLength);
        hook.Property(w => w.Description).HasMaxLength(Strongroom.Core.Webhooks.WebhookUrlRules.MaxDescriptionLength);
        // The rewrap job walks the signing secrets still wrapped under an old KMS key version.
        hook.HasIndex(w => w.KmsKeyVersion);
        hook.Ignore(w => w.Sealed);
    }
}
