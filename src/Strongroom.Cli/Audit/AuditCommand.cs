using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Strongroom.Cli.Client;
using Strongroom.Core.Audit;

namespace Strongroom.Cli.Audit;

/// <summary>
/// <c>strongroom audit verify [--json] [--export FILE --public-key FILE | --local [--data DIR] [--database CONN]]</c>,
/// <c>strongroom audit export --output FILE</c> and <c>strongroom audit public-key</c>. Verify asks the server (a hub
/// admin's session) to recompute the chain; or, with <c>--local</c>, opens the database and KMS itself, as <c>serve</c>
/// would, with no server running; or checks an export offline with only the public key: no server, no database.
/// Exits 0 when the log verifies, 1 when not.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context) => new("audit", "The tamper-evident audit log: verify it, export it")
    {
        Verify(context),
        Export(context),
        PublicKey(context),
    };

    private static Command PublicKey(CliContext context)
    {
        var command = new Command("public-key", "Print the checkpoint public key (PEM) that 'audit verify --export' checks signatures with");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var pem = (await client.GetAsync("api/admin/audit/public-key", cancellationToken).ConfigureAwait(false)).Body;
            await context.Out.WriteAsync(pem).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Verify(CliContext context)
    {
        var json = ClientCommand.JsonOption();
        var export = new Option<FileInfo>("--export") { Description = "Verify this exported JSON-lines file offline instead of asking the server" };
        var publicKey = new Option<FileInfo>("--public-key") { Description = "The checkpoint public key (PEM), as GET /api/admin/audit/public-key gives it; needed with --export" };
        var local = new Option<bool>("--local")
        {
            Description = "Open this machine's database and KMS as 'serve' in this directory would (with --data, --database), instead of asking the server",
        };
        var data = new Option<string?>("--data") { Description = "With --local: the data directory (embedded database, key files); default ./.strongroom" };
        var database = new Option<string?>("--database") { Description = "With --local: the PostgreSQL connection string; omit for the embedded SQLite file" };
        var command = new Command("verify", "Recompute the chain and check every signed checkpoint; name the first bad event") { json, export, publicKey, local, data, database };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            AuditVerifyResult result;
            if (parse.GetValue(export) is { } file)
            {
                var keyFile = parse.GetValue(publicKey) ?? throw new CliException("--export needs --public-key FILE (the checkpoint public key, PEM).");
                result = VerifyExport(file, keyFile);
            }
            else if (parse.GetValue(local))
            {
                result = await LocalAuditVerify.RunAsync(parse.GetValue(data), parse.GetValue(database), parse.UnmatchedTokens, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var client = ClientCommand.OpenSession(context);
                result = (await client.GetAsync("api/admin/audit/verify", cancellationToken).ConfigureAwait(false)).Read<AuditVerifyResult>();
            }

            await WriteResultAsync(context, result, parse.GetValue(json)).ConfigureAwait(false);
            return result.Ok ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var output = new Option<FileInfo>("--output") { Description = "Where to write the JSON lines (events with seq and hash, checkpoints)", Required = true };
        var command = new Command("export", "Download the whole audit log as JSON lines that verify on their own (needs a hub admin's 'strongroom login')") { output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(output)!;
            using var client = ClientCommand.OpenSession(context);
            var lines = await client.DownloadAsync("api/admin/audit/export", file.FullName, cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Wrote {lines.ToString(CultureInfo.InvariantCulture)} lines to {file.FullName}. "
                + "Check it with 'strongroom audit verify --export FILE --public-key KEY'.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static AuditVerifyResult VerifyExport(FileInfo file, FileInfo keyFile)
    {
        if (!file.Exists || !keyFile.Exists)
        {
            throw new CliException($"No such file: {(file.Exists ? keyFile.FullName : file.FullName)}");
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyFile.FullName));
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{keyFile.FullName} is not a PEM public key: {e.Message}");
        }

        return AuditExportVerifier.Verify(() => ReadLinesExactly(file.FullName), key);
    }

    /// <summary>
    /// The file's lines split on '\n' only, so that a stray '\r' stays in its line and fails it. A byte that
    /// is not UTF-8 reads as U+FFFD, which changes the field it is in, so the chain fails there. Streamed: an
    /// export of any size is checked a line at a time.
    /// </summary>
    private static IEnumerable<string> ReadLinesExactly(string path)
    {
        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        var line = new System.Text.StringBuilder();
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '\n')
            {
                yield return line.ToString();
                line.Clear();
            }
            else
            {
                line.Append((char)c);
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private static async Task WriteResultAsync(CliContext context, AuditVerifyResult result, bool json)
    {
        if (json)
        {
            await ClientCommand.WriteJsonAsync(context, result).ConfigureAwait(false);
            return;
        }

        var counts = $"{result.Events.ToString(CultureInfo.InvariantCulture)} events, {result.Checkpoints.ToString(CultureInfo.InvariantCulture)} checkpoints";
        await context.Out.WriteLineAsync(result.FirstBad is { } bad
            ? $"NOT OK: event {bad.Seq.ToString(CultureInfo.InvariantCulture)} was {bad.Problem} ({counts})."
            : $"OK: {counts}, chain and signatures verify.").ConfigureAwait(false);
    }
}
