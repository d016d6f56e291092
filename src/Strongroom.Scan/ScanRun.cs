using System.Diagnostics;
using Strongroom.Scanning.Config;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Reports;
using Strongroom.Scanning.Rules;
using Strongroom.Scanning.Sources;

namespace Strongroom.Scan;

/// <summary>Runs one scan: picks the source, applies baseline, writes the report, returns the exit code.</summary>
internal sealed class ScanRun(ScanRequest request)
{
    public const int Clean = 0;
    public const int FoundSecrets = 1;
    public const int Failed = 2;

    public int Execute(TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Run(stdout, stderr);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or GitException or ArgumentException or InvalidDataException or System.Text.Json.JsonException
            or System.ComponentModel.Win32Exception or HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            stderr.WriteLine($"strongroom scan: {e.Message}");
            return Failed;
        }
    }

    private int Run(TextWriter stdout, TextWriter stderr)
    {
        CheckServerOptions();

        // The scanner only reads; .NET's advisory flock on every opened file is a system call per
        // file that a tree of small files notices.
        AppContext.SetSwitch("System.IO.DisableFileLocking", true);
        var config = LoadConfig();
        var options = new ScanOptions { TokenPrefixes = Prefixes(), EnableGenericRule = request.Generic, MaxDecodeDepth = request.MaxDecodeDepth, Config = config };
        if (request.ListRules)
        {
            ListRules(options, stdout);
            return Clean;
        }

        var engine = new ScanEngine(options);
        foreach (var id in engine.RulesWithoutKeywords)
        {
            stderr.WriteLine($"strongroom scan: warning: rule {id} has no keywords, so it runs on every byte and slows the scan; give it keywords");
        }

        var baseline = request.Baseline is null ? null : LoadBaseline(request.Baseline);
        var progress = new ScanProgress();
        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<Finding> findings;
        using (ProgressDisplay.StartIfTerminal(progress, stderr, request.Progress))
        {
            findings = Scan(engine, progress, stderr);
        }

        stopwatch.Stop();
        var reported = baseline is null ? findings : [.. findings.Where(f => !baseline.Contains(f))];
        if (config is not null)
        {
            // Commits are known only once the history scan has attributed each finding.
            reported = [.. reported.Where(f => !config.AllowsCommit(f))];
        }
        var summary = new ScanSummary(progress.Files, progress.Bytes, progress.Skipped, stopwatch.Elapsed, findings.Count - reported.Count);
        Write(stdout, engine, reported, summary);
        AskServer(reported, stderr);
        return reported.Count == 0 ? Clean : FoundSecrets;
    }

    /// <summary>--verify and --revoke are checked before a long scan, not after it.</summary>
    private void CheckServerOptions()
    {
        if (request.Verify is { } verifyServer)
        {
            ServerCheck.ParseServer(verifyServer);
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ServerCheck.TokenVariable)))
            {
                throw new ArgumentException($"--verify needs {ServerCheck.TokenVariable}: one of your tokens on that server (it only answers about your own tokens)");
            }
        }

        if (request.Revoke is { } revokeServer)
        {
            ServerCheck.ParseServer(revokeServer);
        }
    }

    private static void ListRules(ScanOptions options, TextWriter stdout)
    {
        foreach (var rule in RuleCatalog.All(options))
        {
            var enabled = rule.EnabledByDefault ? "on" : "off";
            stdout.WriteLine($"{rule.Id}\t{rule.Confidence.ToString().ToLowerInvariant()}\t{enabled}\t{string.Join('\t', rule.Keywords)}");
        }
    }

    /// <summary>--verify and --revoke, after the report: what the server says goes to standard error, so reports stay machine-readable.</summary>
    private void AskServer(IReadOnlyList<Finding> findings, TextWriter stderr)
    {
        if (request.Verify is null && request.Revoke is null)
        {
            return;
        }

        var tokens = ServerCheck.OurTokens(findings);
        if (request.Verify is { } verify)
        {
            var callerToken = Environment.GetEnvironmentVariable(ServerCheck.TokenVariable)!.Trim();
            ServerCheck.VerifyAsync(ServerCheck.ParseServer(verify), callerToken, tokens, stderr).GetAwaiter().GetResult();
        }

        if (request.Revoke is { } revoke)
        {
            ServerCheck.RevokeAsync(ServerCheck.ParseServer(revoke), tokens, stderr).GetAwaiter().GetResult();
        }
    }

    private IReadOnlyList<Finding> Scan(ScanEngine engine, ScanProgress progress, TextWriter stderr)
    {
        if (request.Since is not null && (request.GitRepository is null || request.Staged))
        {
            throw new ArgumentException("--since needs --git REPO (and not --staged)");
        }

        if (request.GitRepository is not null && request.Since is not null)
        {
            return new GitHistoryScanner(engine) { Parallelism = request.Jobs }.ScanSince(request.GitRepository, request.Since, progress);
        }

        if (request.GitRepository is not null && !request.Staged)
        {
            return new GitHistoryScanner(engine) { Parallelism = request.Jobs }.ScanHistory(request.GitRepository, progress);
        }

        if (request.Staged)
        {
            return new GitHistoryScanner(engine) { Parallelism = request.Jobs }.ScanStaged(request.GitRepository ?? ".", progress);
        }

        var paths = request.Paths.Count == 0 ? ["."] : request.Paths;
        var selection = new FileSelection { NoIgnore = request.NoIgnore, Exclude = request.Exclude, Include = request.Include };
        return new PathScanner(engine)
        {
            Parallelism = request.Jobs,
            Selection = selection,
            Warning = message => stderr.WriteLine($"strongroom scan: warning: {message}"),
        }.Scan(paths, progress);
    }

    private void Write(TextWriter stdout, ScanEngine engine, IReadOnlyList<Finding> findings, ScanSummary summary)
    {
        if (request.Format == "text")
        {
            if (request.Output is null)
            {
                TextReport.Write(stdout, findings, summary);
                return;
            }

            using var file = new StreamWriter(request.Output);
            TextReport.Write(file, findings, summary);
            return;
        }

        using var stream = request.Output is null ? new MemoryStream() : (Stream)File.Create(request.Output);
        if (request.Format == "json")
        {
            JsonReport.Write(stream, findings, summary);
        }
        else
        {
            SarifReport.Write(stream, findings, engine.Rules);
        }

        if (stream is MemoryStream memory)
        {
            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
        }
    }

    // --config FILE, else .strongroom.toml in the scanned directory (or repository), if there is one.
    private ScanConfig? LoadConfig()
    {
        var path = request.Config;
        if (path is null)
        {
            var root = request.GitRepository ?? (request.Paths.Count == 0 ? "." : request.Paths[0]);
            var candidate = Path.Combine(root, ".strongroom.toml");
            path = Directory.Exists(root) && File.Exists(candidate) ? candidate : null;
        }

        return path is null ? null : ConfigReader.Load(path);
    }

    private IReadOnlyList<string> Prefixes()
    {
        if (request.TokenPrefixes.Count > 0)
        {
            return request.TokenPrefixes;
        }

        var configured = Environment.GetEnvironmentVariable("STRONGROOM__Tokens__Prefix");
        return string.IsNullOrWhiteSpace(configured) ? ["sr"] : [configured.Trim()];
    }

    private static Baseline LoadBaseline(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Baseline.Load(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"--baseline {path}: {e.Message}", e);
        }
        catch (System.Text.Json.JsonException e)
        {
            // The parser's own message can quote the file's text, and a file given by mistake may hold secrets.
            throw new InvalidDataException(
                $"--baseline {path} is not a report of 'strongroom scan --format json' (invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", e);
        }
    }
}
