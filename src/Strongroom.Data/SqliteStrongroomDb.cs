using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Strongroom.Data;

/// <summary>The embedded default: one SQLite file under the data directory.</summary>
public sealed class SqliteStrongroomDb(DbContextOptions<SqliteStrongroomDb> options) : StrongroomDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native instant type; binary keeps ordering and full precision.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
