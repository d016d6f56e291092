using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>
/// Everything a server has stored, as text to search for strings that must not be there: the SQLite
/// file and its WAL as Latin-1, or a <c>pg_dump</c> of the server's PostgreSQL database.
/// </summary>
public static class StoredText
{
    public static async Task<string> ReadAsync(TestServer server)
    {
        if (server.PostgresConnectionString is { } postgres)
        {
            return await DumpPostgresAsync(postgres);
        }

        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(server.DataDirectory, "strongroom.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            text.Append(Encoding.Latin1.GetString(memory.ToArray()));
        }

        return text.ToString();
    }

    private static async Task<string> DumpPostgresAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PgDump())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--no-owner", "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database! })
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(builder.Password))
        {
            start.Environment["PGPASSWORD"] = builder.Password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await error);
        var dump = await output;
        Assert.Contains("space_secrets", dump, StringComparison.Ordinal);
        return dump;
    }

    private static string PgDump()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", "pg_dump"))
            : [];
        return candidates.FirstOrDefault(File.Exists) ?? "pg_dump";
    }
}
