using System.Text;

namespace Strongroom.Git.Writing;

/// <summary>
/// The paths a commit may name: relative, '/'-separated, with no empty, "." or ".." segment, no backslash,
/// no control character, nothing inside a <c>.git</c> directory (in any case), within git's length limits.
/// </summary>
public static class RepoPath
{
    public const int MaxPathBytes = 1024;
    public const int MaxSegmentBytes = 255;

    /// <summary>Null when <paramref name="path"/> is acceptable, else the rule it breaks (said to the client).</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "a path is required";
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            return $"a path is at most {MaxPathBytes} bytes";
        }

        if (path[0] == '/')
        {
            return "paths are relative to the repository's root: no leading '/'";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "paths use '/' as separator: no '\\'";
        }

        if (path.Any(char.IsControl))
        {
            return "a path may not contain control characters";
        }

        if (path.Any(char.IsSurrogate) && !IsWellFormed(path))
        {
            return "a path must be valid UTF-8 text";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "a path may not have empty segments ('//' or a trailing '/')";
            }

            if (segment is "." or "..")
            {
                return "a path may not contain '.' or '..' segments";
            }

            if (segment.Equals(".git", StringComparison.OrdinalIgnoreCase))
            {
                return "a path may not name anything in '.git'";
            }

            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                return $"a path segment is at most {MaxSegmentBytes} bytes";
            }
        }

        return null;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
