using Microsoft.AspNetCore.Http.HttpResults;
using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.RegularExpressions;
using Strongroom.Git.Writing;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Repos.Commits;

/// <summary>
/// Reads the commit API's NDJSON body (<c>{"key": "header" | "file" | "deletedFile" | "deletedFolder", "value": {...}}</c>
/// per line, the header first) and refuses anything malformed with a 400 that names the line and the rule,
/// before any of it reaches git.
/// </summary>
internal sealed partial class CommitRequestReader(long maxFileBytes)
{
    private const int MaxSummaryLength = 1024;
    private const int MaxDescriptionLength = 64 * 1024;
    private const int MaxOperations = 10_000;

    /// <summary>The longest line accepted: a file at the size limit in base64, plus its path and the JSON around it.</summary>
    public long MaxLineBytes => (maxFileBytes + 2) / 3 * 4 + 8 * 1024;

    public async Task<(CommitRequest? Request, Results<BadRequestError, PayloadTooLargeError>? Error)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body);
        var draft = new CommitDraft();
        var number = 0;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (TryTakeLine(ref buffer, out var line))
                {
                    if (Take(line.IsSingleSegment ? line.First : line.ToArray(), ++number, draft) is { } error)
                    {
                        return (null, error);
                    }
                }

                if (buffer.Length > MaxLineBytes)
                {
                    return (null, Bad("line_too_long", $"Line {number + 1} is longer than {MaxLineBytes} bytes: a file is at most {maxFileBytes} bytes"));
                }

                if (read.IsCompleted)
                {
                    if (!buffer.IsEmpty && Take(buffer.ToArray(), ++number, draft) is { } last)
                    {
                        return (null, last);
                    }

                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        return draft.Summary is null
            ? (null, Bad("missing_header", "The body must start with a {\"key\": \"header\", \"value\": {\"summary\": ...}} line"))
            : (new CommitRequest(draft.Summary, draft.Description, draft.Parent, draft.Changes), null);
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var end = buffer.PositionOf((byte)'\n');
        if (end is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        return true;
    }

    private Results<BadRequestError, PayloadTooLargeError>? Take(ReadOnlyMemory<byte> line, int number, CommitDraft draft)
    {
        if (line.Span.Trim("\r \t"u8).IsEmpty)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return Bad("invalid_ndjson", $"Line {number} is not a JSON object");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("key", out var keyElement) || keyElement.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
            {
                return Bad("invalid_ndjson", $"Line {number} must be {{\"key\": ..., \"value\": {{...}}}}");
            }

            var key = keyElement.GetString();
            if (key == "header")
            {
                // Converted only when not null: the union would otherwise wrap a null.
                if (TakeHeader(value, number, draft) is { } refused)
                {
                    return refused;
                }

                return null;
            }

            if (draft.Summary is null)
            {
                return Bad("missing_header", $"Line {number}: the header line must come first");
            }

            return draft.Changes.Count >= MaxOperations
                ? Bad("too_many_operations", $"A commit holds at most {MaxOperations} operations")
                : TakeOperation(key, value, number, draft);
        }
    }

    private static BadRequestError? TakeHeader(JsonElement value, int number, CommitDraft draft)
    {
        if (draft.Summary is not null || draft.Changes.Count > 0)
        {
            return Bad("invalid_header", $"Line {number}: the header comes once, first");
        }

        draft.Summary = Text(value, "summary") ?? "";
        draft.Description = Text(value, "description");
        draft.Parent = Text(value, "parentCommit");
        if (draft.Summary.Length > MaxSummaryLength || draft.Description?.Length > MaxDescriptionLength)
        {
            return Bad("invalid_header", $"The summary is at most {MaxSummaryLength} characters and the description {MaxDescriptionLength}");
        }

        if (draft.Summary.Any(char.IsControl) || draft.Description?.Contains('\0', StringComparison.Ordinal) == true)
        {
            return Bad("invalid_header", "The summary may not hold control characters");
        }

        return draft.Parent is null || Oid().IsMatch(draft.Parent) ? null : Bad("invalid_header", "parentCommit must be a full 40-character commit id");
    }

    private Results<BadRequestError, PayloadTooLargeError>? TakeOperation(string? key, JsonElement value, int number, CommitDraft draft)
    {
        // A folder may be named with its trailing slash, as the hub's clients send it.
        var path = key == "deletedFolder" ? Text(value, "path")?.TrimEnd('/') : Text(value, "path");
        if (RepoPath.Problem(path) is { } problem)
        {
            return Bad("invalid_path", $"Line {number}: {problem}");
        }

        if (!draft.Paths.Add(path!))
        {
            return Bad("duplicate_path", $"Line {number}: '{path}' appears twice in this commit");
        }

        switch (key)
        {
            case "file":
                var (content, error) = Content(value, number);
                if (error is not null)
                {
                    return error;
                }

                if (content!.Length > maxFileBytes)
                {
                    return ApiError.TooLarge("file_too_large",
                        $"'{path}' is {content.Length} bytes: files are at most {maxFileBytes} bytes here (regular files only, there is no LFS)");
                }

                draft.Changes.Add(FileChange.Add(path!, content));
                return null;
            case "deletedFile":
                draft.Changes.Add(FileChange.DeleteFile(path!));
                return null;
            case "deletedFolder":
                draft.Changes.Add(FileChange.DeleteFolder(path!));
                return null;
            case "lfsFile":
                return Bad("lfs_unsupported", $"Line {number}: this hub stores regular files only (no LFS); files up to {maxFileBytes} bytes are sent as \"file\"");
            default:
                return Bad("invalid_key", $"Line {number}: unknown key '{key}' (header, file, deletedFile or deletedFolder)");
        }
    }

    private static (byte[]? Content, BadRequestError? Error) Content(JsonElement value, int number)
    {
        if (!value.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
        {
            return (null, Bad("invalid_content", $"Line {number}: a file needs its content as a string"));
        }

        var encoding = Text(value, "encoding") ?? "base64";
        switch (encoding)
        {
            case "base64":
                return content.TryGetBytesFromBase64(out var bytes) ? (bytes, null) : (null, Bad("invalid_base64", $"Line {number}: content is not valid base64"));
            case "utf-8":
                return (System.Text.Encoding.UTF8.GetBytes(content.GetString()!), null);
            default:
                return (null, Bad("invalid_encoding", $"Line {number}: encoding is base64 or utf-8"));
        }
    }

    private static string? Text(JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    private static BadRequestError Bad(string code, string message) => ApiError.BadRequest(code, message);

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex Oid();

    /// <summary>What the lines read so far make of the commit.</summary>
    private sealed class CommitDraft
    {
        public string? Summary { get; set; }

        public string? Description { get; set; }

        public string? Parent { get; set; }

        public List<FileChange> Changes { get; } = [];

        public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);
    }
}
