using System.CommandLine;

namespace Strongroom.Scan;

/// <summary>The argument and options of <c>strongroom scan</c>, and the <see cref="ScanRequest"/> they parse to.</summary>
internal sealed class ScanArguments
{
    private readonly Argument<string[]> _paths = new("paths")
    {
        Description = "Files, directories, zip/tar(.gz) archives, or - for standard input (default: .).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> _git = new("--git") { Description = "Scan the whole history of this git repository (every blob of every ref, once)." };
    private readonly Option<string?> _since = new("--since")
    {
        Description = "With --git: only what commits not reachable from this revision introduced (a pull request's commits).",
    };
    private readonly Option<bool> _staged = new("--staged") { Description = "Scan the changes staged in the current git repository (for pre-commit hooks)." };
    private readonly Option<string> _format = new("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Write the report to this file instead of standard output." };
    private readonly Option<FileInfo?> _baseline = new("--baseline") { Description = "Suppress findings recorded in this earlier JSON report (matched by fingerprint)." };
    private readonly Option<string[]> _prefixes = new("--token-prefix")
    {
        Description = "Prefix of Strongroom tokens to find (default: Tokens:Prefix from STRONGROOM__Tokens__Prefix, else sr).",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<bool> _generic = new("--generic") { Description = "Also run the generic high-entropy assignment rule (noisy)." };
    private readonly Option<int> _jobs = new("--jobs", "-j")
    {
        Description = "Files scanned in parallel (default: processor count).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };
    private readonly Option<bool> _noProgress = new("--no-progress") { Description = "No progress bar, even on a terminal." };
    private readonly Option<bool> _listRules = new("--list-rules") { Description = "List the rules (id, confidence, on by default, keywords; tab-separated) and exit." };

    private readonly Option<int> _decodeDepth = new("--max-decode-depth")
    {
        Description = "Layers of base64 to decode where an encoded keyword is found (0: none).",
        DefaultValueFactory = _ => 2,
    };
    private readonly Option<FileInfo?> _config = new("--config")
    {
        Description = "Custom rules and allowlists: a .strongroom.toml or gitleaks config (default: .strongroom.toml in the scanned directory).",
    };
    private readonly Option<bool> _noIgnore = new("--no-ignore") { Description = "Scan every file: no ignore file, no git listing (.git itself is still skipped)." };
    private readonly Option<string[]> _exclude = new("--exclude")
    {
        Description = "Skip paths matching this pattern (gitignore syntax, relative to the scanned directory; repeatable).",
    };
    private readonly Option<string[]> _include = new("--include")
    {
        Description = "Scan only files matching this pattern or inside a matching directory (gitignore syntax; repeatable).",
    };

    private readonly Option<string?> _verify = new("--verify")
    {
        Description = "Ask this Strongroom server which tokens of yours the scan found are still live (needs STRONGROOM_TOKEN, a token of yours there).",
    };
    private readonly Option<string?> _revoke = new("--revoke")
    {
        Description = "Report the tokens of this Strongroom server the scan found to its public revoke endpoint: the live ones are revoked and their owners told.",
    };

    public ScanArguments()
    {
        _format.AcceptOnlyFromAmong("text", "json", "sarif");

        // An unknown option would otherwise be taken for a path and reported as a missing file.
        _paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !Path.Exists(token.Value))
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
            }
        });
    }

    /// <summary>Adds the argument and the options to <paramref name="command"/>, in the order help lists them.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(_paths);
        Option[] options =
        [
            _git, _since, _staged, _format, _output, _baseline, _prefixes, _generic, _jobs, _noProgress, _listRules,
            _noIgnore, _exclude, _include, _decodeDepth, _config, _verify, _revoke,
        ];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The request that <paramref name="parseResult"/> describes.</summary>
    public ScanRequest Read(ParseResult parseResult) => new()
    {
        Paths = parseResult.GetValue(_paths) ?? [],
        GitRepository = parseResult.GetValue(_git),
        Staged = parseResult.GetValue(_staged),
        Since = parseResult.GetValue(_since),
        Format = parseResult.GetValue(_format) ?? "text",
        Output = parseResult.GetValue(_output)?.FullName,
        Baseline = parseResult.GetValue(_baseline)?.FullName,
        TokenPrefixes = parseResult.GetValue(_prefixes) ?? [],
        Generic = parseResult.GetValue(_generic),
        Jobs = Math.Max(1, parseResult.GetValue(_jobs)),
        Progress = !parseResult.GetValue(_noProgress),
        ListRules = parseResult.GetValue(_listRules),
        NoIgnore = parseResult.GetValue(_noIgnore),
        Config = parseResult.GetValue(_config)?.FullName,
        MaxDecodeDepth = Math.Max(0, parseResult.GetValue(_decodeDepth)),
        Exclude = parseResult.GetValue(_exclude) ?? [],
        Include = parseResult.GetValue(_include) ?? [],
        Verify = parseResult.GetValue(_verify),
        Revoke = parseResult.GetValue(_revoke),
    };
}
