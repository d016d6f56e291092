using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Strongroom.Core.Audit;

/// <summary>
/// The export's JSON lines: one object per event (<c>"type": "event"</c>, with <c>seq</c>, <c>prevHash</c>
/// and <c>hash</c>) or checkpoint (<c>"type": "checkpoint"</c>). Hashes and signatures are lowercase hex,
/// times ISO 8601 in UTC. A line is accepted only if writing what it holds gives back the very same
/// bytes, so no byte of an export can change, even in spelling, without the verification noticing.
/// </summary>
public static class AuditExportFormat
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string EventLine(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Write(w =>
        {
            w.WriteString("type", "event");
            w.WriteNumber("seq", entry.Seq);
            w.WriteString("time", Time(entry.Time));
            w.WriteString("action", entry.Action);
            w.WriteString("outcome", entry.Outcome);
            foreach (var (name, value) in OptionalFields(entry))
            {
                w.WriteString(name, value); // null is written as null
            }

            w.WriteString("prevHash", Hex(entry.PrevHash));
            w.WriteString("hash", Hex(entry.Hash));
        });
    }

    public static string CheckpointLine(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Write(w =>
        {
            w.WriteString("type", "checkpoint");
            w.WriteNumber("size", checkpoint.Size);
            w.WriteString("headHash", Hex(checkpoint.HeadHash));
            w.WriteString("time", Time(checkpoint.Time));
            w.WriteString("prevSignature", Hex(checkpoint.PrevSignature));
            w.WriteString("signature", Hex(checkpoint.Signature));
        });
    }

    /// <summary>Reads one line: an <see cref="AuditEntry"/> or an <see cref="AuditCheckpoint"/>.</summary>
    /// <exception cref="FormatException">The line is not exactly as this format writes it.</exception>
    public static object Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        object parsed;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            parsed = root.GetProperty("type").GetString() switch
            {
                "event" => ReadEvent(root),
                "checkpoint" => ReadCheckpoint(root),
                _ => throw new FormatException("Unknown line type."),
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("Not an audit export line.", ex);
        }

        var canonical = parsed is AuditEntry entry ? EventLine(entry) : CheckpointLine((AuditCheckpoint)parsed);
        return string.Equals(canonical, line, StringComparison.Ordinal) ? parsed : throw new FormatException("The line is not in canonical form.");
    }

    private static AuditEntry ReadEvent(JsonElement e) => new()
    {
        Seq = e.GetProperty("seq").GetInt64(),
        Time = ParseTime(e.GetProperty("time").GetString()),
        Action = e.GetProperty("action").GetString() ?? throw new FormatException("action is null."),
        Outcome = e.GetProperty("outcome").GetString() ?? throw new FormatException("outcome is null."),
        ActorUserId = e.GetProperty("actorUserId").GetString(),
        TokenId = e.GetProperty("tokenId").GetString(),
        OrgId = e.GetProperty("orgId").GetString(),
        Ip = e.GetProperty("ip").GetString(),
        UserAgent = e.GetProperty("userAgent").GetString(),
        Target = e.GetProperty("target").GetString(),
        DetailsJson = e.GetProperty("details").GetString(),
        PrevHash = Convert.FromHexString(e.GetProperty("prevHash").GetString() ?? ""),
        Hash = Convert.FromHexString(e.GetProperty("hash").GetString() ?? ""),
    };

    private static AuditCheckpoint ReadCheckpoint(JsonElement c) => new()
    {
        Size = c.GetProperty("size").GetInt64(),
        HeadHash = Convert.FromHexString(c.GetProperty("headHash").GetString() ?? ""),
        Time = ParseTime(c.GetProperty("time").GetString()),
        PrevSignature = Convert.FromHexString(c.GetProperty("prevSignature").GetString() ?? ""),
        Signature = Convert.FromHexString(c.GetProperty("signature").GetString() ?? ""),
    };

    private static (string Name, string? Value)[] OptionalFields(AuditEntry entry) =>
    [
        ("actorUserId", entry.ActorUserId), ("tokenId", entry.TokenId), ("orgId", entry.OrgId), ("ip", entry.Ip),
        ("userAgent", entry.UserAgent), ("target", entry.Target), ("details", entry.DetailsJson),
    ];

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string? text) =>
        DateTimeOffset.ParseExact(text ?? "", "O", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
