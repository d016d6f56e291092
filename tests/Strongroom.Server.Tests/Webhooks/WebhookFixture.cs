using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Webhooks;

/// <summary>A server that may deliver to loopback (the receiver is there), with a small cap, and the receiver.</summary>
public abstract class WebhookFixture(DbProvider provider) : IAsyncLifetime
{
    public const int MaxPerOwner = 3;

    public TestServer Server { get; private set; } = null!;

    public Hub Hub { get; private set; } = null!;

    public TestWebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await TestWebhookReceiver.StartAsync();
        Server = await TestServer.StartAsync(provider, new Dictionary<string, string>
        {
            ["Webhooks:AllowPrivateNetworks"] = "true",
            ["Webhooks:MaxPerOwner"] = MaxPerOwner.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webhooks:Timeout"] = "00:00:05",
        });
        Hub = new Hub(Server);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class SqliteWebhookFixture() : WebhookFixture(DbProvider.Sqlite);

public sealed class PostgresWebhookFixture() : WebhookFixture(DbProvider.Postgres);
