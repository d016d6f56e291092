using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Sources;

/// <summary>
/// Scans files, directories (honouring ignore files), archives and standard input, files in parallel
/// across cores. Paths in findings are relative to the directory given when scanning one.
/// </summary>
public sealed class PathScanner
{
    /// <summary>The path that stands for standard input.</summary>
    public const string StandardInput = "-";

    private readonly ScanEngine _engine;
    private int _warned;

    /// <summary>Creates a scanner over <paramref name="engine"/>.</summary>
    public PathScanner(ScanEngine engine)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
    }

    /// <summary>Which files of a directory are scanned (ignore files, git, --exclude/--include).</summary>
    public FileSelection Selection { get; init; } = FileSelection.Default;

    /// <summary>Hears, once per scanner, why the file selection had to fall back (git missing).</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Degree of parallelism; defaults to the processor count.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Scans every path; <c>-</c> reads <paramref name="stdin"/> (or the process's standard input).</summary>
    public IReadOnlyList<Finding> Scan(IEnumerable<string> paths, ScanProgress? progress = null, Stream? stdin = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var findings = new List<Finding>();
        var roots = new List<string>();
        foreach (var path in paths)
        {
            if (path == StandardInput)
            {
                using var input = stdin is null ? Console.OpenStandardInput() : null;
                ScanOne(input ?? stdin!, StandardInput, findings, progress);
            }
            else if (Directory.Exists(path) || File.Exists(path))
            {
                roots.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"No such file or directory: {path}", path);
            }
        }

        // Lazily enumerated on its own thread, so scanning starts while the tree is still being walked.
        var files = roots.SelectMany(root =>
        {
            var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
            return Directory.Exists(root)
                ? FileTree.Enumerate(root, Selection, WarnOnce).Select(f => (Full: f, Display: Display(root, fullRoot, f)))
                : [(Full: fullRoot, Display: root.Replace('\\', '/'))];
        });
        findings.AddRange(ParallelWalk.Run<(string Full, string Display), Finding>(
            files, Parallelism, (file, local) => ScanFile(file.Full, file.Display, local, progress), cancellationToken));
        findings.Sort(FindingOrder.Compare);
        return findings;
    }

    private void WarnOnce(string message)
    {
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            Warning?.Invoke(message);
        }
    }

    private void ScanFile(string fullPath, string display, List<Finding> findings, ScanProgress? progress)
    {
        try
        {
            if (ArchiveScanner.IsArchive(fullPath))
            {
                ArchiveScanner.ScanFile(_engine, fullPath, display, findings, progress);
                return;
            }

            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            ScanOne(stream, display, findings, progress);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Listed by git but deleted from the work tree since: nothing to read, nothing skipped.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            progress?.AddSkipped();
        }
    }

    private void ScanOne(Stream stream, string display, List<Finding> findings, ScanProgress? progress)
    {
        var read = _engine.Scan(stream, display, findings);
        if (read < 0)
        {
            progress?.AddSkipped();
        }
        else
        {
            progress?.AddFile(read);
        }
    }

    private static string Display(string root, string fullRoot, string file)
    {
        // FileTree yields full paths under the full root; slicing avoids a getcwd per file.
        var relative = (file.StartsWith(fullRoot, StringComparison.Ordinal) ? file[fullRoot.Length..].TrimStart('/', '\\') : Path.GetRelativePath(root, file)).Replace('\\', '/');
        return root is "." or "./" ? relative : Path.Combine(root, relative).Replace('\\', '/');
    }
}
