using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strongroom.Server.Features.Errors;

/// <summary>
/// Refuses U+0000 in every string of a JSON body (values and dictionary keys), which then gets 400
/// <c>invalid_request</c>. No field has a use for it: names, descriptions and variables are text, secret
/// values become environment variables (which cannot hold one), and PostgreSQL refuses it in text columns,
/// which would otherwise surface as a 500.
/// </summary>
internal sealed class NoNulStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a string");
        }

        return Checked(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Checked(string value) =>
        value.Contains('\0', StringComparison.Ordinal) ? throw new JsonException("Strings may not contain U+0000") : value;
}
