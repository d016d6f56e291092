using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strongroom.Cli.Client;
using Strongroom.Server.Hosting;

namespace Strongroom.Cli.Serve;

/// <summary>
/// <c>strongroom serve [--urls URL] [--data DIR] [--database CONNSTRING] [--Section:Key value ...]</c>.
/// At the default log level a start prints three lines (where it listens, where the first admin's
/// password is, how to sign in) and a failed start one line with what to change, exit code 2.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:7800";

    public static Command Create(CliContext context)
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
            return await RunAsync(context, args.ToArray(), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string[] args, CancellationToken cancellationToken)
    {
        var listen = DefaultUrl;
        var starting = true;
        WebApplication app;
        try
        {
            app = StrongroomApp.Build(args, builder =>
            {
                // `--urls`, else `Urls` from appsettings.json or STRONGROOM__Urls, else the loopback default.
                listen = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : DefaultUrl;
                builder.WebHost.UseUrls(listen);
                // The start-up lines below say where it listens; the host's own say it again.
                builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
                // A failed start is reported below in one line; the host and Kestrel would add a stack trace.
                // (A category's own rule, as "Microsoft.AspNetCore" would otherwise win over a catch-all filter.)
                builder.Logging.AddFilter(StartupErrors.KestrelCategory, level => !starting && level >= LogLevel.Warning);
                builder.Logging.AddFilter(StartupErrors.HostCategory, level => !starting && level >= LogLevel.Information);
            });
        }
        catch (Exception e) when (StartupErrors.Describe(e, listen) is { } line)
        {
            throw new CliException(line);
        }

        await using (app.ConfigureAwait(false))
        {
            string? passwordFile;
            try
            {
                passwordFile = await StrongroomApp.PrepareAsync(app, cancellationToken).ConfigureAwait(false);
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                starting = false;
            }
            catch (Exception e) when (StartupErrors.Describe(e, listen) is { } line)
            {
                // Background jobs may have started before the listener failed; they end before the app is disposed.
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await app.StopAsync(patience.Token).ConfigureAwait(false);
                throw new CliException(line);
            }

            passwordFile ??= ExistingPasswordFile(app);
            await context.Out.WriteLineAsync($"Strongroom is listening on {string.Join(" and ", app.Urls)}").ConfigureAwait(false);
            if (passwordFile is not null)
            {
                var shown = Shown(passwordFile);
                await context.Out.WriteLineAsync($"The first admin is 'admin'; its one-time password is in {shown} (mode 0600).").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"Sign in from a second terminal: ./strongroom login --username admin --password-stdin < {shown}").ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync("Sign in from a second terminal: ./strongroom login").ConfigureAwait(false);
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    /// <summary>A later start, before the admin replaced the one-time password, still says where it is.</summary>
    private static string? ExistingPasswordFile(WebApplication app)
    {
        var directory = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.DataDirectory;
        var path = Path.Combine(Path.GetFullPath(directory), "initial-admin-password");
        return File.Exists(path) ? path : null;
    }

    /// <summary>Relative to the working directory when it is below it, so the sign-in line can be pasted as is.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
