using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Strongroom.Cli.Client;
using Strongroom.Core.Audit;

namespace Strongroom.Cli.Audit;

/// <summary>
/// <c>strongroom audit verify [--json] [--export FILE --public-key FILE]</c>, <c>strongroom audit export
/// --output FILE</c> and <c>strongroom audit public-key</c>. Verify asks the server (a hub admin's session) to recompute the chain, or checks an
/// export offline with only the public key: no server, no database. Exits 0 when the log verifies, 1 when not.
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
        var command = new Command("verify", "Recompute the chain and check every signed checkpoint; name the first bad event") { json, export, publicKey };
        command.SetAction(async (parse, cancellationToken) =>
        {
            AuditVerifyResult result;
            if (parse.GetValue(export) is { } file)
            {
                var keyFile = parse.GetValue(publicKey) ?? throw new CliException("--export needs --public-key FILE (the checkpoint public key, PEM).");
                result = VerifyExport(file, keyFile);
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
    /// is not UTF-8 reads as U+FFFD, which changes the field it is in, so the chain fails there.
    /// </summary>
    private static IEnumerable<string> ReadLinesExactly(string path)
    {
        var text = File.ReadAllText(path, new System.Text.UTF8Encoding(false));
        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
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
