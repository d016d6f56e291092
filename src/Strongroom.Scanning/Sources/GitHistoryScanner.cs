using System.Collections.Concurrent;
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
    public IReadOnlyList<Finding> ScanHistory(string repository, ScanProgress? progress = null) =>
        Run(repository, keepCommits: true, progress,
            "log", "--all", "--topo-order", "--reverse", "--raw", "--no-abbrev", "--no-renames", "-m", "--root", "-z", "--format=%x01%H");

    /// <summary>
    /// Scans only what the commits of every ref that <paramref name="since"/> cannot reach introduced
    /// (a pull request's commits against its base): git walks just those commits, so the time follows
    /// their number. The blobs they replaced are read too, so that a secret already there before is
    /// not reported as new.
    /// </summary>
    public IReadOnlyList<Finding> ScanSince(string repository, string since, ScanProgress? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(since);
        if (since.StartsWith('-'))
        {
            throw new ArgumentException($"--since {since}: not a revision", nameof(since));
        }

        return Run(repository, keepCommits: true, progress,
            "log", "--all", "--not", since, "--topo-order", "--reverse", "--raw", "--no-abbrev", "--no-renames", "-m", "--root", "-z", "--format=%x01%H", "--");
    }

    /// <summary>Scans what is staged in the index of <paramref name="repository"/>, reporting only secrets new against HEAD.</summary>
    public IReadOnlyList<Finding> ScanStaged(string repository, ScanProgress? progress = null) =>
        Run(repository, keepCommits: false, progress, "diff", "--cached", "--raw", "--no-abbrev", "-M", "-z");

    private IReadOnlyList<Finding> Run(string repository, bool keepCommits, ScanProgress? progress, params string[] listArguments)
    {
        // The listing streams blob ids to the cat-file readers as it finds them, so reading blobs
        // overlaps with walking history. Predecessors are sent too (almost always already sent), so a
        // secret they held can be recognised as old.
        var partitions = Math.Max(1, Parallelism);
        var queues = Enumerable.Range(0, partitions).Select(_ => new BlockingCollection<string>(boundedCapacity: 1 << 14)).ToArray();
        var introductions = new Dictionary<string, Introduction>(StringComparer.Ordinal);
        var listing = StartListing(repository, listArguments, introductions, queues);

        // Dedicated threads: every one of these blocks on a pipe or a queue, and blocking pool threads
        // would make the pool wait before injecting more.
        var readers = queues.Select(queue => Task.Factory.StartNew(
            () => BlobReader.ScanBlobs(_engine, repository, queue.GetConsumingEnumerable(), progress),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        var results = readers.Select(r => r.GetAwaiter().GetResult()).ToArray();
        listing.GetAwaiter().GetResult();
        foreach (var queue in queues)
        {
            queue.Dispose();
        }

        var byBlob = results.SelectMany(r => r).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return NewFindings(byBlob, introductions, keepCommits);
    }

    /// <summary>
    /// Lists the introductions on a dedicated thread, sending each blob and its predecessor once to
    /// the queues in turn; completes every queue when the listing ends, even when it fails.
    /// </summary>
    private static Task StartListing(
        string repository, string[] listArguments, Dictionary<string, Introduction> introductions, BlockingCollection<string>[] queues) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                var sent = new HashSet<string>(StringComparer.Ordinal);
                void Send(string blob)
                {
                    if (sent.Add(blob))
                    {
                        queues[sent.Count % queues.Length].Add(blob);
                    }
                }

                ReadIntroductions(repository, listArguments, introductions, introduction =>
                {
                    Send(introduction.Blob);
                    if (introduction.Previous is not null)
                    {
                        Send(introduction.Previous);
                    }
                });
            }
            finally
            {
                foreach (var queue in queues)
                {
                    queue.CompleteAdding();
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Each introduced blob's findings at the path and commit that introduced it, less those its
    /// predecessor already held; blobs read only as predecessors report nothing.
    /// </summary>
    private static List<Finding> NewFindings(
        Dictionary<string, List<Finding>> byBlob, Dictionary<string, Introduction> introductions, bool keepCommits)
    {
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
                .Select(f => f with { Path = introduction.Path, Commit = keepCommits ? introduction.Commit : null }));
        }

        findings.Sort(FindingOrder.Compare);
        return findings;
    }

    private static void ReadIntroductions(string repository, string[] arguments, Dictionary<string, Introduction> introductions, Action<Introduction> found)
    {
        using var process = GitCommand.Start(repository, redirectInput: false, arguments);
        string? commit = null;
        string? meta = null;
        var skipPath = false;
        foreach (var raw in GitCommand.Tokens(process.StandardOutput))
        {
            var token = raw.TrimStart('\n');
            if (skipPath)
            {
                skipPath = false; // the source path of a rename or copy; the destination follows
            }
            else if (meta is not null)
            {
                if (Record(introductions, meta, token, commit) is { } introduction)
                {
                    found(introduction);
                }

                meta = null;
            }
            else if (token.StartsWith('\u0001'))
            {
                commit = token[1..];
            }
            else if (token.StartsWith(':'))
            {
                meta = token;
                skipPath = meta.Split(' ')[^1] is ['R' or 'C', ..]; // "R087": two paths follow
            }
        }

        GitCommand.Finish(process);
    }

    private static Introduction? Record(Dictionary<string, Introduction> introductions, string meta, string path, string? commit)
    {
        // ":<old mode> <new mode> <old blob> <new blob> <status>"
        var fields = meta[1..].Split(' ');
        if (fields.Length < 5 || fields[4] is not (['A' or 'M' or 'T'] or ['R' or 'C', ..]) || !fields[1].StartsWith("100", StringComparison.Ordinal))
        {
            return null;
        }

        var blob = fields[3];
        if (blob == NullBlob || introductions.ContainsKey(blob))
        {
            return null;
        }

        var previous = fields[2] == NullBlob || !fields[0].StartsWith("100", StringComparison.Ordinal) ? null : fields[2];
        var introduction = new Introduction(blob, commit, path, previous);
        introductions[blob] = introduction;
        return introduction;
    }

    private sealed record Introduction(string Blob, string? Commit, string Path, string? Previous);
}
