using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>OutboxMessage</c> is stored.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Strongroom.Core.Notifications.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Strongroom.Core.Notifications.OutboxMessage> message)
    {
        message.ToTable("notification_outbox");
        message.HasKey(m => m.Id);
        message.Property(m => m.Key).HasMaxLength(200);
        message.HasIndex(m => m.Key).IsUnique();
        message.Property(m => m.Channel).HasMaxLength(16);
        message.Property(m => m.Recipient).HasMaxLength(500);
        message.Property(m => m.Subject).HasMaxLength(300);
        message.Property(m => m.LastError).HasMaxLength(500);
        // The delivery worker asks for what is due and not yet delivered.
        message.HasIndex(m => new { m.DeliveredAt, m.NextAttemptAt });
    }
}
