using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Data;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Audit;

/// <summary>Raw SQL on a running test server's own database, as an operator with database access would run it.</summary>
internal static class ServerSql
{
    public static async Task ExecuteAsync(TestServer server, IEnumerable<string> statements)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        foreach (var sql in statements)
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }
}
