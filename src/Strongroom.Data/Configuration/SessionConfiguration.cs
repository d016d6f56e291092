using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Sessions;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>Session</c> is stored.</summary>
internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> session)
    {
        session.ToTable("sessions");
        session.HasKey(s => s.Hash);
        session.Property(s => s.Hash).HasMaxLength(32);
        session.Property(s => s.CsrfHash).HasMaxLength(32);
        session.HasIndex(s => s.UserId);
        session.Property(s => s.Ip).HasMaxLength(45);
    }
}
