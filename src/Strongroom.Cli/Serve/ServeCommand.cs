using System.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Strongroom.Server.Hosting;

namespace Strongroom.Cli.Serve;

/// <summary>
/// <c>strongroom serve [--urls URL] [--data DIR] [--database CONNSTRING] [--Section:Key value ...]</c>.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:7800";

    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen, e.g. http://0.0.0.0:8080 (default: the Urls setting, else {DefaultUrl})" };
        var data = new Option<string?>("--data") { Description = "Data directory (embedded database, key files); default ./.strongroom" };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string; omit for the embedded SQLite file" };
        var command = new Command("serve", "Run the Strongroom server") { urls, data, database };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var args = new List<string>();
            if (parse.GetValue(urls) is { } listen)
            {
                args.AddRange(["--urls", listen]);
            }
            if (parse.GetValue(data) is { } dir)
            {
                args.AddRange(["--Server:DataDirectory", dir]);
            }

            if (parse.GetValue(database) is { } connection)
            {
                args.AddRange(["--Database:ConnectionString", connection]);
            }

            args.AddRange(parse.UnmatchedTokens);
            return await RunAsync(args.ToArray(), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        // `--urls`, else `Urls` from appsettings.json or STRONGROOM__Urls, else the loopback default.
        var app = StrongroomApp.Build(args, builder => builder.WebHost.UseUrls(builder.Configuration["urls"] is { Length: > 0 } configured ? configured : DefaultUrl));
        var passwordFile = await StrongroomApp.PrepareAsync(app, cancellationToken).ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var address in app.Urls)
        {
            Console.WriteLine($"Strongroom is listening on {address}");
        }

        if (passwordFile is not null)
        {
            Console.WriteLine($"First start: the admin user is 'admin'; its one-time password is in {passwordFile} (mode 0600).");
        }

        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
