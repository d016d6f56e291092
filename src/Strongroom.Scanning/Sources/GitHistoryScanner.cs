using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Sources;

/// <summary>
/// Scans git history with the <c>git</c> CLI: every blob reachable from every ref is read once
/// (<c>git log --all --raw</c> names them, <c>git cat-file --batch</c> streams them, in parallel), and each
/// finding is attributed to the first commit and path that introduced the blob. A secret that the blob's
/// predecessor at that path already held is not a new introduction and is not reported again, so a secret
/// that lives through 50 commits is reported once. <see cref="ScanStaged"/> does the same for the index
/// against HEAD, for pre-commit hooks.
/// </summary>
public sealed class GitHistoryScanner
{
    private const string NullBlob = "0000000000000000000000000000000000000000";
    private readonly ScanEngine _engine;

    /// <summary>Creates a scanner over <paramref name="engine"/>.</summary>
    public GitHistoryScanner(ScanEngine engine)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
    }

    /// <summary>Number of <c>git cat-file</c> readers; defaults to the processor count.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Scans all history of <paramref name="repository"/>.</summary>
    public IReadOnlyList<Finding> ScanHistory(string repository, ScanProgress? progress = null)
    {
        var introductions = ReadIntroductions(repository,
            "log", "--all", "--topo-order", "--reverse", "--raw", "--no-abbrev", "--no-renames", "-m", "--root", "-z", "--format=%x01%H");
        return Scan(repository, introductions, progress);
    }

    /// <summary>Scans what is staged in the index of <paramref name="repository"/>, reporting only secrets new against HEAD.</summary>
    public IReadOnlyList<Finding> ScanStaged(string repository, ScanProgress? progress = null)
    {
        var introductions = ReadIntroductions(repository, "diff", "--cached", "--raw", "--no-abbrev", "--no-renames", "-z");
        foreach (var key in introductions.Keys.ToList())
        {
            introductions[key] = introductions[key] with { Commit = null };
        }

        return Scan(repository, introductions, progress);
    }

    private IReadOnlyList<Finding> Scan(string repository, Dictionary<string, Introduction> introductions, ScanProgress? progress)
    {
        // Predecessors are scanned too, so a secret they already held can be recognised as old.
        var blobs = introductions.Keys
            .Concat(introductions.Values.Select(i => i.Previous).Where(p => p is not null).Select(p => p!))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var partitions = Math.Max(1, Math.Min(Parallelism, blobs.Count / 64 + 1));
        var results = new Dictionary<string, List<Finding>>[partitions];
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, p =>
        {
            var slice = blobs.Where((_, i) => i % partitions == p).ToList();
            results[p] = BlobReader.ScanBlobs(_engine, repository, slice, b => introductions.TryGetValue(b, out var i) ? i.Path : b, progress);
        });

        var byBlob = results.SelectMany(r => r).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var findings = new List<Finding>();
        foreach (var (blob, blobFindings) in byBlob)
        {
            if (!introductions.TryGetValue(blob, out var introduction))
            {
                continue; // only scanned as a predecessor
            }

            var old = introduction.Previous is not null && byBlob.TryGetValue(introduction.Previous, out var previous)
                ? previous.Select(f => (f.RuleId, f.Secret)).ToHashSet()
                : [];
            findings.AddRange(blobFindings
                .Where(f => !old.Contains((f.RuleId, f.Secret)))
                .Select(f => f with { Path = introduction.Path, Commit = introduction.Commit }));
        }

        findings.Sort(FindingOrder.Compare);
        return findings;
    }

    private static Dictionary<string, Introduction> ReadIntroductions(string repository, params string[] arguments)
    {
        var introductions = new Dictionary<string, Introduction>(StringComparer.Ordinal);
        using var process = GitCommand.Start(repository, redirectInput: false, arguments);
        string? commit = null;
        string? meta = null;
        foreach (var raw in GitCommand.Tokens(process.StandardOutput))
        {
            var token = raw.TrimStart('\n');
            if (meta is not null)
            {
                Record(introductions, meta, token, commit);
                meta = null;
            }
            else if (token.StartsWith('\u0001'))
            {
                commit = token[1..];
            }
            else if (token.StartsWith(':'))
            {
                meta = token;
            }
        }

        GitCommand.Finish(process);
        return introductions;
    }

    private static void Record(Dictionary<string, Introduction> introductions, string meta, string path, string? commit)
    {
        // ":<old mode> <new mode> <old blob> <new blob> <status>"
        var fields = meta[1..].Split(' ');
        if (fields.Length < 5 || fields[4] is not ("A" or "M" or "T") || !fields[1].StartsWith("100", StringComparison.Ordinal))
        {
            return;
        }

        var blob = fields[3];
        if (blob == NullBlob || introductions.ContainsKey(blob))
        {
            return;
        }

        var previous = fields[2] == NullBlob || !fields[0].StartsWith("100", StringComparison.Ordinal) ? null : fields[2];
        introductions[blob] = new Introduction(commit, path, previous);
    }

    private readonly record struct Introduction(string? Commit, string Path, string? Previous);
}
