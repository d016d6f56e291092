using System.CommandLine;

namespace Strongroom.Scan;

/// <summary><c>strongroom scan</c>: finds secrets in files, directories, archives, stdin and git history.</summary>
internal static class ScanCommand
{
    private const string Description = "Find leaked secrets: tokens of ours, Hugging Face and third-party credentials.";

    /// <summary>The <c>scan</c> verb of the <c>strongroom</c> CLI.</summary>
    public static Command Create() => Configure(new Command("scan", Description));

    /// <summary>The same command as the root of the standalone <c>strongroom-scan</c> executable.</summary>
    public static RootCommand CreateRoot() => Configure(new RootCommand(Description));

    private static T Configure<T>(T command)
        where T : Command
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files, directories, zip/tar(.gz) archives, or - for standard input (default: .).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var git = new Option<string?>("--git") { Description = "Scan the whole history of this git repository (every blob of every ref, once)." };
        var since = new Option<string?>("--since") { Description = "With --git: only what commits not reachable from this revision introduced (a pull request's commits)." };
        var staged = new Option<bool>("--staged") { Description = "Scan the changes staged in the current git repository (for pre-commit hooks)." };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var baseline = new Option<FileInfo?>("--baseline") { Description = "Suppress findings recorded in this earlier JSON report (matched by fingerprint)." };
        var prefixes = new Option<string[]>("--token-prefix")
        {
            Description = "Prefix of Strongroom tokens to find (default: Tokens:Prefix from STRONGROOM__Tokens__Prefix, else sr).",
            AllowMultipleArgumentsPerToken = true,
        };
        var generic = new Option<bool>("--generic") { Description = "Also run the generic high-entropy assignment rule (noisy)." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Files scanned in parallel (default: processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress bar, even on a terminal." };
        var listRules = new Option<bool>("--list-rules") { Description = "List the rules (id, confidence, on by default, keywords; tab-separated) and exit." };

        var decodeDepth = new Option<int>("--max-decode-depth") { Description = "Layers of base64 to decode where an encoded keyword is found (0: none).", DefaultValueFactory = _ => 2 };
        var config = new Option<FileInfo?>("--config") { Description = "Custom rules and allowlists: a .strongroom.toml or gitleaks config (default: .strongroom.toml in the scanned directory)." };
        var noIgnore = new Option<bool>("--no-ignore") { Description = "Scan every file: no ignore file, no git listing (.git itself is still skipped)." };
        var exclude = new Option<string[]>("--exclude") { Description = "Skip paths matching this pattern (gitignore syntax, relative to the scanned directory; repeatable)." };
        var include = new Option<string[]>("--include") { Description = "Scan only files matching this pattern or inside a matching directory (gitignore syntax; repeatable)." };

        var verify = new Option<string?>("--verify") { Description = "Ask this Strongroom server which tokens of yours the scan found are still live (needs STRONGROOM_TOKEN, a token of yours there)." };
        var revoke = new Option<string?>("--revoke") { Description = "Report the tokens of this Strongroom server the scan found to its public revoke endpoint: the live ones are revoked and their owners told." };

        // An unknown option would otherwise be taken for a path and reported as a missing file.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !Path.Exists(token.Value))
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
            }
        });

        command.Arguments.Add(paths);
        foreach (var option in new Option[] { git, since, staged, format, output, baseline, prefixes, generic, jobs, noProgress, listRules, noIgnore, exclude, include, decodeDepth, config, verify, revoke })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => new ScanRun(new ScanRequest
        {
            Paths = parseResult.GetValue(paths) ?? [],
            GitRepository = parseResult.GetValue(git),
            Staged = parseResult.GetValue(staged),
            Since = parseResult.GetValue(since),
            Format = parseResult.GetValue(format) ?? "text",
            Output = parseResult.GetValue(output)?.FullName,
            Baseline = parseResult.GetValue(baseline)?.FullName,
            TokenPrefixes = parseResult.GetValue(prefixes) ?? [],
            Generic = parseResult.GetValue(generic),
            Jobs = Math.Max(1, parseResult.GetValue(jobs)),
            Progress = !parseResult.GetValue(noProgress),
            ListRules = parseResult.GetValue(listRules),
            NoIgnore = parseResult.GetValue(noIgnore),
            Config = parseResult.GetValue(config)?.FullName,
            MaxDecodeDepth = Math.Max(0, parseResult.GetValue(decodeDepth)),
            Exclude = parseResult.GetValue(exclude) ?? [],
            Include = parseResult.GetValue(include) ?? [],
            Verify = parseResult.GetValue(verify),
            Revoke = parseResult.GetValue(revoke),
        }).Execute(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }
}
