using System.Buffers;
using System.Text;
using Strongroom.Git.Writing;

namespace Strongroom.Git.Content;

/// <summary>
/// Resolves <c>HEAD</c> and branch names the way git's files backend stores them, without opening the repository:
/// the loose ref first (git writes it to a lock file and renames it, so it is read whole or not at all), then
/// <c>packed-refs</c>. Read on every call, never cached: a push or a commit shows on the next read, whichever
/// process or node made it. Answers null whenever it cannot tell for certain (a tag, which may need peeling;
/// a symbolic ref other than <c>HEAD</c>; a name in neither place; a reftable repository; an unreadable file)
/// and the caller asks libgit2 instead.
/// </summary>
public static class RefFiles
{
    /// <summary>Larger <c>packed-refs</c> files (thousands of refs) are left to libgit2, which indexes them.</summary>
    private const int MaxPackedRefsBytes = 64 * 1024;

    private const int OidLength = 40;

    private static readonly SearchValues<byte> Hex = SearchValues.Create("0123456789abcdef"u8);

    private static readonly SearchValues<char> AnyCaseHex = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The commit id <paramref name="revision"/> names when it is <c>HEAD</c> or a branch, or null when unsure.</summary>
    public static string? TryResolve(string gitDir, string revision)
    {
        ArgumentNullException.ThrowIfNull(gitDir);
        ArgumentNullException.ThrowIfNull(revision);
        if (revision == "HEAD")
        {
            return Head(gitDir);
        }

        // A full commit id, in either case, is looked up as an object before any ref of that name, as GitContent.Resolve does.
        return IsFullId(revision) || !BranchName.IsValid(revision) ? null : Branch(gitDir, revision);
    }

    /// <summary>Whether <paramref name="revision"/> is a full commit id (40 hex digits, either case).</summary>
    public static bool IsFullId(string revision) => revision?.Length == OidLength && !revision.AsSpan().ContainsAnyExcept(AnyCaseHex);

    private static string? Head(string gitDir)
    {
        Span<byte> buffer = stackalloc byte[300];
        var length = ReadSmall(Path.Combine(gitDir, "HEAD"), buffer);
        if (length <= 0)
        {
            return null;
        }

        if (length == OidLength + 1 && buffer[OidLength] == '\n' && IsOid(buffer[..OidLength]))
        {
            return Encoding.ASCII.GetString(buffer[..OidLength]);
        }

        var text = Encoding.ASCII.GetString(buffer[..length]).TrimEnd('\n');
        const string prefix = "ref: refs/heads/";
        return text.StartsWith(prefix, StringComparison.Ordinal) && BranchName.IsValid(text[prefix.Length..]) ? Branch(gitDir, text[prefix.Length..]) : null;
    }

    private static string? Branch(string gitDir, string name)
    {
        var loose = Path.Combine(gitDir, "refs", "heads", name);
        if (File.Exists(loose))
        {
            Span<byte> buffer = stackalloc byte[OidLength + 2];
            var length = ReadSmall(loose, buffer);

            // Exactly an id and its newline; anything else (a symbolic ref, a file still absent) goes to libgit2.
            return length == OidLength + 1 && buffer[OidLength] == '\n' && IsOid(buffer[..OidLength]) ? Encoding.ASCII.GetString(buffer[..OidLength]) : null;
        }

        return Packed(gitDir, "refs/heads/" + name);
    }

    /// <summary>The id <paramref name="refName"/> has in <c>packed-refs</c>, or null when it is not there (or the file is too large to read here).</summary>
    private static string? Packed(string gitDir, string refName)
    {
        var path = Path.Combine(gitDir, "packed-refs");
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxPackedRefsBytes)
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // Lines are "<id> <refname>", "^<peeled id>" after an annotated tag, and a "# pack-refs with:" header.
        var wanted = Encoding.ASCII.GetBytes(refName);
        foreach (var range in bytes.AsSpan().Split((byte)'\n'))
        {
            var line = bytes.AsSpan(range);
            if (line.Length == OidLength + 1 + wanted.Length && line[OidLength] == ' ' && line[(OidLength + 1)..].SequenceEqual(wanted) && IsOid(line[..OidLength]))
            {
                return Encoding.ASCII.GetString(line[..OidLength]);
            }
        }

        return null;
    }

    /// <summary>Reads up to the buffer's length; -1 when the file cannot be read (gone meanwhile, a directory, no permission).</summary>
    private static int ReadSmall(string path, Span<byte> buffer)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return RandomAccess.Read(handle, buffer, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>Forty lowercase hex digits, as git writes ids.</summary>
    private static bool IsOid(ReadOnlySpan<byte> text) => text.Length == OidLength && !text.ContainsAnyExcept(Hex);
}
