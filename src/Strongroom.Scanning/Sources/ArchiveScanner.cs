using System.Formats.Tar;
using System.IO.Compression;
using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Sources;

/// <summary>
/// Scans the members of zip (and zip-based: wheel, jar, nupkg) and tar / tar.gz archives, streaming each
/// member through the engine. Members are named <c>archive!member</c>. Nested archives are opened up to
/// a small depth; members larger than <see cref="MaxNestedBytes"/> are not opened as archives.
/// </summary>
internal static class ArchiveScanner
{
    private const int MaxDepth = 3;
    private const long MaxNestedBytes = 256L << 20;

    private static readonly string[] ZipExtensions = [".zip", ".whl", ".jar", ".nupkg", ".egg", ".apk", ".vsix"];
    private static readonly string[] TarExtensions = [".tar"];
    private static readonly string[] TarGzExtensions = [".tar.gz", ".tgz"];

    public static bool IsArchive(string path) =>
        Kind(path) is not ArchiveKind.None;

    /// <summary>Scans an archive file; returns the bytes of member content scanned.</summary>
    public static long ScanFile(ScanEngine engine, string path, string displayPath, ICollection<Finding> findings, ScanProgress? progress)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        return Scan(engine, stream, Kind(path), displayPath, findings, progress, 0);
    }

    private static long Scan(ScanEngine engine, Stream stream, ArchiveKind kind, string displayPath, ICollection<Finding> findings, ScanProgress? progress, int depth)
    {
        return kind switch
        {
            ArchiveKind.Zip => ScanZip(engine, stream, displayPath, findings, progress, depth),
            ArchiveKind.Tar => ScanTar(engine, stream, displayPath, findings, progress, depth),
            ArchiveKind.TarGz => ScanTarGz(engine, stream, displayPath, findings, progress, depth),
            _ => 0,
        };
    }

    private static long ScanTarGz(ScanEngine engine, Stream stream, string displayPath, ICollection<Finding> findings, ScanProgress? progress, int depth)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        return ScanTar(engine, gzip, displayPath, findings, progress, depth);
    }

    private static long ScanZip(ScanEngine engine, Stream stream, string displayPath, ICollection<Finding> findings, ScanProgress? progress, int depth)
    {
        long total = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            using var member = entry.Open();
            total += ScanMember(engine, member, entry.FullName, entry.Length, displayPath, findings, progress, depth);
        }

        return total;
    }

    private static long ScanTar(ScanEngine engine, Stream stream, string displayPath, ICollection<Finding> findings, ScanProgress? progress, int depth)
    {
        long total = 0;
        using var reader = new TarReader(stream, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            total += ScanMember(engine, entry.DataStream, entry.Name, entry.Length, displayPath, findings, progress, depth);
        }

        return total;
    }

    private static long ScanMember(ScanEngine engine, Stream member, string name, long length, string displayPath, ICollection<Finding> findings, ScanProgress? progress, int depth)
    {
        var memberPath = displayPath + "!" + name;
        var kind = Kind(name);
        if (kind is not ArchiveKind.None && depth < MaxDepth && length <= MaxNestedBytes)
        {
            // Zip needs a seekable stream; members are not, so a nested archive is buffered (bounded above).
            using var buffered = new MemoryStream();
            member.CopyTo(buffered);
            buffered.Position = 0;
            return Scan(engine, buffered, kind, memberPath, findings, progress, depth + 1);
        }

        var read = engine.Scan(member, memberPath, findings);
        if (read < 0)
        {
            progress?.AddSkipped();
            return 0;
        }

        progress?.AddFile(read);
        return read;
    }

    private static ArchiveKind Kind(string path)
    {
        if (TarGzExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            return ArchiveKind.TarGz;
        }

        if (TarExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            return ArchiveKind.Tar;
        }

        return ZipExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ? ArchiveKind.Zip : ArchiveKind.None;
    }

    private enum ArchiveKind
    {
        None,
        Zip,
        Tar,
        TarGz,
    }
}
