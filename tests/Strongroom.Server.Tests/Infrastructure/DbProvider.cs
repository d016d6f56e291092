namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>The storage a test server runs on. Tests are written once and run on each.</summary>
public enum DbProvider
{
    Sqlite,
    Postgres,
}
