using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Hub;
using Strongroom.Data;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Security;

/// <summary>
/// SQLite enforces foreign keys on every pooled connection without a PRAGMA per open: the bundled library
/// has them on by default, which the server checks once at start.
/// </summary>
public sealed class SqliteForeignKeyTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task Membership_OfMissingOrg_IsRefusedOnEveryConnectionUse()
    {
        for (var i = 0; i < 3; i++)
        {
            await using var scope = fixture.Server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            db.Memberships.Add(new Membership { OrgId = Ids.New(), UserId = Ids.New(), Role = OrgRole.Read, CreatedAt = DateTimeOffset.UtcNow });

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }
}
