using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Data;
using Strongroom.Server.Features.Leaks;
using Strongroom.Server.Features.Notifications;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Leaks;

/// <summary>The outbox keeps what it could not deliver: without SMTP, and when the SMTP server is down.</summary>
public sealed class NotificationOutboxTests
{
    [Fact]
    public async Task WithoutSmtp_TheNoticeWaitsInTheOutbox_AndAWarningSaysWhyOnceOneWaits()
    {
        await using var server = await TestServer.StartAsync(DbProvider.Sqlite);

        Assert.DoesNotContain("email is not configured", server.Logs.Text, StringComparison.Ordinal); // quiet until it matters

        await LeakATokenAsync(server);
        await server.Services.GetRequiredService<NotificationDelivery>().DeliverDueAsync(CancellationToken.None);

        var message = Assert.Single(await OutboxAsync(server));
        Assert.Null(message.DeliveredAt);
        Assert.Equal(0, message.Attempts);
        Assert.Contains("email is not configured (Smtp:Host)", server.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmtpDown_TheNoticeStays_WithItsErrorAndALaterRetry()
    {
        await using var smtp = new TestSmtpServer();
        var settings = new Dictionary<string, string>(smtp.Settings()) { ["Smtp:Port"] = "1" }; // nothing listens there
        await using var server = await TestServer.StartAsync(DbProvider.Sqlite, settings);

        await LeakATokenAsync(server);
        await server.Services.GetRequiredService<NotificationDelivery>().DeliverDueAsync(CancellationToken.None);

        var failed = Assert.Single(await OutboxAsync(server));
        Assert.Null(failed.DeliveredAt);
        Assert.True(failed.Attempts >= 1);
        Assert.NotNull(failed.LastError);
        Assert.True(failed.NextAttemptAt > server.Time.GetUtcNow());
    }

    private static async Task LeakATokenAsync(TestServer server)
    {
        var alice = await new Hub(server).CreateUserAsync("alice");
        var (_, token) = await Hub.CreateTokenAsync(alice, new { displayName = "t" });
        await server.NewClient().PostAsJsonAsync("/api/credentials/revoke", new { credentials = new[] { token } });
        await server.Services.GetRequiredService<LeakReportWorker>().DrainAsync(CancellationToken.None);
    }

    private static async Task<List<Strongroom.Core.Notifications.OutboxMessage>> OutboxAsync(TestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StrongroomDb>().Outbox.AsNoTracking().ToListAsync();
    }
}
