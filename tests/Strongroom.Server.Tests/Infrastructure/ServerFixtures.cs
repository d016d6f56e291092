namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>One server per test class; each test makes its own users and repos on it.</summary>
public abstract class ServerFixture(DbProvider provider, KmsProvider kms = KmsProvider.Local, IDictionary<string, string>? settings = null) : IAsyncLifetime
{
    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("Fixture not started");

    public Hub Hub { get; private set; } = null!;

    public DbProvider Provider => provider;

    public KmsProvider Kms => kms;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(provider, settings, kms);
        Hub = new Hub(_server);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public sealed class SqliteServerFixture() : ServerFixture(DbProvider.Sqlite);

public sealed class PostgresServerFixture() : ServerFixture(DbProvider.Postgres);

public sealed class SqlitePkcs11ServerFixture() : ServerFixture(DbProvider.Sqlite, KmsProvider.Pkcs11);

public sealed class PostgresPkcs11ServerFixture() : ServerFixture(DbProvider.Postgres, KmsProvider.Pkcs11);

/// <summary>A server that enforces the change of one-time passwords (<c>Passwords:RequireChange</c>).</summary>
public sealed class SqliteRequirePasswordChangeFixture() : ServerFixture(DbProvider.Sqlite, settings: new Dictionary<string, string> { ["Passwords:RequireChange"] = "true" });

/// <inheritdoc cref="SqliteRequirePasswordChangeFixture"/>
public sealed class PostgresRequirePasswordChangeFixture() : ServerFixture(DbProvider.Postgres, settings: new Dictionary<string, string> { ["Passwords:RequireChange"] = "true" });

/// <summary>A server behind a reverse proxy on loopback: <c>X-Forwarded-For</c> from 127.0.0.1 names the client.</summary>
public sealed class SqliteBehindProxyFixture() : ServerFixture(DbProvider.Sqlite, settings: new Dictionary<string, string> { ["Server:TrustedProxies"] = "127.0.0.1" });

/// <inheritdoc cref="SqliteBehindProxyFixture"/>
public sealed class PostgresBehindProxyFixture() : ServerFixture(DbProvider.Postgres, settings: new Dictionary<string, string> { ["Server:TrustedProxies"] = "127.0.0.1" });
